namespace CommunityJustice.Analytics.Api.Ide;

public static class BananaCakePop
{
    public static IApplicationBuilder UseBananaCakePop(this IApplicationBuilder app) => app; // TODO(helper): IDE
}
