namespace CommunityJustice.Analytics.Model.Disclosure;

/// <summary>
/// A published figure this platform withholds from the public view, decided when the edition it
/// belongs to (or one linked to it) was loaded (<see cref="DisclosureDecisions"/>).
/// </summary>
public sealed class WithheldFigure
{
    public long ObservationId { get; set; }

    /// <summary>The figure's edition: observations is partitioned by edition, so a reference to a figure names both.</summary>
    public int DatasetVersionId { get; set; }

    public SuppressionKind Kind { get; set; }

    /// <summary>"PRIMARY: ..." or "SECONDARY: ...", as the API's suppressionReason gives it.</summary>
    public string Reason { get; set; } = "";
}

/// <summary>
/// The rule every stored <see cref="WithheldFigure"/> was decided with (one row): the API serves the
/// decisions only when its own settings are the same, so figures are never served under a weaker rule.
/// </summary>
public sealed class DisclosureRuleRecord
{
    public const int SingleRowId = 1;

    public int Id { get; set; } = SingleRowId;

    public int Threshold { get; set; }

    public int ProtectionLevel { get; set; }

    /// <summary>SHA-256 of the disclosure catalogue (classes and relations) the decisions used.</summary>
    public string CatalogueSha256 { get; set; } = "";

    public DateTimeOffset DecidedAt { get; set; }
}
