namespace CommunityJustice.Analytics.Api.Disclosure;

public static class DisclosureRegistration
{
    /// <summary>Registers the public view's disclosure control, configured by the "DisclosureControl" section.</summary>
    public static IServiceCollection AddDisclosureControl(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new DisclosureOptions();
        configuration.GetSection(DisclosureOptions.Section).Bind(options);
        if (options.Threshold < 1) throw new InvalidOperationException($"{DisclosureOptions.Section}:Threshold must be at least 1, not {options.Threshold}.");
        if (options.ProtectionLevel is < 1) throw new InvalidOperationException($"{DisclosureOptions.Section}:ProtectionLevel must be at least 1, not {options.ProtectionLevel}.");
        services.AddSingleton(options);
        services.AddSingleton<DisclosureControl>();
        // The public view for everyone; partner access (src/Api/Access) replaces this with a per-request view.
        services.AddSingleton<IDisclosureControl>(sp => sp.GetRequiredService<DisclosureControl>());
        return services;
    }
}
