using CommunityJustice.Analytics.Model.Reference;

namespace CommunityJustice.Analytics.Model.Tests.Reference;

public class ReferenceFrameworkTests
{
    [Fact]
    public void The_strategy_has_four_aims_and_thirteen_priority_actions_numbered_without_gaps()
    {
        Assert.Equal([1, 2, 3, 4], ReferenceFramework.Aims.Select(a => a.Number));
        Assert.Equal(Enumerable.Range(1, 13), ReferenceFramework.PriorityActions.Select(p => p.Number));
        Assert.All(ReferenceFramework.PriorityActions, p => Assert.Contains(p.NationalAimNumber, ReferenceFramework.Aims.Select(a => a.Number)));
    }

    [Fact]
    public void Every_outcome_and_national_indicator_hangs_off_an_existing_parent()
    {
        var actions = ReferenceFramework.PriorityActions.Select(p => p.Number).ToHashSet();
        var outcomes = ReferenceFramework.Outcomes.Select(o => o.Number).ToHashSet();

        Assert.Equal(9, outcomes.Count);
        Assert.All(ReferenceFramework.Outcomes, o => Assert.Contains(o.PriorityActionNumber, actions));
        Assert.All(ReferenceFramework.Indicators, i => Assert.Contains(i.NationalOutcomeNumber, outcomes));
        Assert.Equal(ReferenceFramework.Indicators.Count, ReferenceFramework.Indicators.Select(i => i.Code).Distinct().Count());
    }

    [Fact]
    public void The_national_indicators_named_in_the_framework_are_all_there()
    {
        var codes = ReferenceFramework.Indicators.Select(i => i.Code).ToHashSet();

        Assert.Contains("diversion-cases-commenced", codes);
        Assert.Contains("custody-centre-referrals", codes);
        Assert.Contains("bail-supervision-commenced", codes);
        Assert.Contains("cpo-successful-completion", codes);
        Assert.Contains("homeless-applications-from-prison", codes);
        Assert.Contains("voluntary-throughcare-commenced", codes);
    }
}
