using CommunityJustice.Analytics.PowerBI;

return await PowerBICommandLine.Build(Console.Out, Console.Error).Parse(args).InvokeAsync();
