using CommunityJustice.Analytics.Model.Disclosure;

namespace CommunityJustice.Analytics.Api.Disclosure;

public static class DisclosureRegistration
{
    /// <summary>Registers the public view's disclosure control, configured by the "DisclosureControl" section.</summary>
    public static IServiceCollection AddDisclosureControl(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new DisclosureOptions();
        configuration.GetSection(DisclosureOptions.Section).Bind(options);
        DisclosureRules.Create(options.Threshold, options.ProtectionLevel); // refuses a threshold or level below 1 at start-up
        services.AddSingleton(options);
        services.AddSingleton<DisclosureControl>();
        // The public view for everyone; partner access (src/Api/Access) replaces this with a per-request view.
        services.AddSingleton<IDisclosureControl>(sp => sp.GetRequiredService<DisclosureControl>());
        return services;
    }
}
