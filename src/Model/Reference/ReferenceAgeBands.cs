using CommunityJustice.Analytics.Model.Observations;

namespace CommunityJustice.Analytics.Model.Reference;

/// <summary>Age bands used by the Scottish Government's reconviction statistics (and "all" for all ages).</summary>
public static class ReferenceAgeBands
{
    public const string AllAges = "all";

    public static readonly IReadOnlyList<AgeBand> All =
    [
        new() { Code = AllAges, Label = "All ages", SortOrder = 0 },
        new() { Code = "under-21", Label = "Under 21 years", MaxAge = 20, SortOrder = 10 },
        new() { Code = "21-25", Label = "21 to 25 years", MinAge = 21, MaxAge = 25, SortOrder = 20 },
        new() { Code = "26-30", Label = "26 to 30 years", MinAge = 26, MaxAge = 30, SortOrder = 30 },
        new() { Code = "31-40", Label = "31 to 40 years", MinAge = 31, MaxAge = 40, SortOrder = 40 },
        new() { Code = "over-40", Label = "Over 40 years", MinAge = 41, SortOrder = 50 },
    ];
}
