namespace CommunityJustice.Analytics.Api.Disclosure;

/// <summary>Settings of the public view's disclosure control, bound from the "DisclosureControl" section.</summary>
public sealed class DisclosureOptions
{
    public const string Section = "DisclosureControl";

    /// <summary>A count of people below this is suppressed (default 5: "fewer than 5 people").</summary>
    public int Threshold { get; set; } = 5;

    /// <summary>
    /// How wide a withheld cell's protection interval must be: whatever else is published, a cell withheld by
    /// the primary rule or at source must stay consistent with every count from 0 to at least this. Null: the threshold.
    /// </summary>
    public int? ProtectionLevel { get; set; }

    /// <summary>False turns disclosure control off (figures are served as published). Only for a non-public deployment.</summary>
    public bool Enabled { get; set; } = true;
}
