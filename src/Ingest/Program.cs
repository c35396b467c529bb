using CommunityJustice.Analytics.Ingest.Cli;

return await IngestCommandLine.Build().Parse(args).InvokeAsync();
