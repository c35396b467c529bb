using System.Text.Json;
using System.Text.Json.Serialization;

namespace CommunityJustice.Analytics.Model.Disclosure;

/// <summary>What a figure counts, which decides whether disclosure control protects it (docs/disclosure-control.md).</summary>
public enum DisclosureClass
{
    /// <summary>A count of people, or of events about people (arrivals, orders, referrals): protected.</summary>
    PeopleCount,
    /// <summary>A rate, percentage or mean over people: protected through its numerator and denominator (inline, or the indicators named).</summary>
    RateOfPeople,
    /// <summary>A signed net flow or change (net migration, population change): not a count of people, served as published.</summary>
    NetFlow,
    /// <summary>A population stock used as a denominator (mid-year estimates): served as published.</summary>
    PopulationStock,
    /// <summary>Money or another quantity that is not about identifiable people: served as published.</summary>
    NonPersonQuantity,
}

/// <summary>How a declared relation ties indicators together, for the same area, period, sex and age band.</summary>
public enum DisclosureRelationKind
{
    /// <summary>total = sum of parts (or total ≥ sum of parts when <see cref="DisclosureRelation.Complete"/> is false).</summary>
    Sum,
    /// <summary>rate = count ÷ population × per.</summary>
    Rate,
    /// <summary>change(t) = stock(t) − stock(t − 1 year).</summary>
    Change,
}

/// <summary>An indicator's disclosure class and, for a rate, the indicators holding its numerator and denominator.</summary>
public sealed record DisclosureDeclaration(string Indicator, DisclosureClass Class, string? Numerator = null, string? Denominator = null);

/// <summary>A relation between indicators that holds cell by cell (same area, period, sex and age band), within or across datasets.</summary>
public sealed record DisclosureRelation(
    DisclosureRelationKind Kind,
    string Total,
    IReadOnlyList<string> Parts,
    bool Complete = true,
    decimal? Per = null,
    string? Note = null);

/// <summary>
/// The disclosure classes of the indicators and the relations between them, kept as a fact file
/// (Reference/Catalogue/disclosure.json) beside the indicator catalogue. An indicator not declared here
/// takes the class of its measure type: a Count is a count of people, a Rank orders areas (not about people),
/// anything else a rate of people.
/// </summary>
public sealed class DisclosureCatalogue
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly Dictionary<string, DisclosureDeclaration> _byIndicator;

    public DisclosureCatalogue(IReadOnlyList<DisclosureDeclaration> classes, IReadOnlyList<DisclosureRelation> relations)
    {
        Classes = classes;
        Relations = relations;
        _byIndicator = classes.ToDictionary(c => c.Indicator, StringComparer.Ordinal);
        Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(new File([.. classes], [.. relations]), Json)));
    }

    /// <summary>A fingerprint of the classes and relations: stored decisions say which catalogue they were taken with.</summary>
    public string Sha256 { get; }

    /// <summary>
    /// The protected indicators tied to <paramref name="indicators"/>, directly or through other protected ones, by a relation or
    /// a rate's declared numerator or denominator (the given protected ones included): the tables whose disclosure decisions can
    /// depend on each other.
    /// </summary>
    public IReadOnlySet<string> LinkedIndicators(IEnumerable<string> indicators)
    {
        var neighbours = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        void Link(string a, string b)
        {
            if (!neighbours.TryGetValue(a, out var ofA)) neighbours[a] = ofA = new(StringComparer.Ordinal);
            if (!neighbours.TryGetValue(b, out var ofB)) neighbours[b] = ofB = new(StringComparer.Ordinal);
            ofA.Add(b);
            ofB.Add(a);
        }
        foreach (var relation in Relations)
            foreach (var part in relation.Parts) Link(relation.Total, part);
        foreach (var declaration in Classes)
        {
            if (declaration.Numerator is { } numerator) Link(declaration.Indicator, numerator);
            if (declaration.Denominator is { } denominator) Link(declaration.Indicator, denominator);
        }
        // Figures that are not protected (population stocks, net flows) are never unknowns, so decisions cannot depend on
        // each other through them: the chain stops there (a new population edition changes no prison table's decisions).
        bool Carries(string indicator) => Declared(indicator) is not { } declared || IsProtected(declared.Class);
        var reached = new HashSet<string>(indicators.Where(Carries), StringComparer.Ordinal);
        var queue = new Queue<string>(reached);
        while (queue.TryDequeue(out var next))
            foreach (var other in neighbours.GetValueOrDefault(next) ?? [])
                if (Carries(other) && reached.Add(other)) queue.Enqueue(other);
        return reached;
    }

    /// <summary>The catalogue shipped with the model (Reference/Catalogue/disclosure.json).</summary>
    public static DisclosureCatalogue Bundled { get; } = Load();

    public IReadOnlyList<DisclosureDeclaration> Classes { get; }

    public IReadOnlyList<DisclosureRelation> Relations { get; }

    public DisclosureDeclaration? Declared(string indicator) => _byIndicator.GetValueOrDefault(indicator);

    /// <summary>The class of an indicator: declared, or by its measure type.</summary>
    public DisclosureClass ClassOf(string indicator, Indicators.MeasureType measureType) =>
        Declared(indicator)?.Class ?? measureType switch
        {
            Indicators.MeasureType.Count => DisclosureClass.PeopleCount,
            Indicators.MeasureType.Rank => DisclosureClass.NonPersonQuantity,
            _ => DisclosureClass.RateOfPeople,
        };

    /// <summary>Whether disclosure control protects figures of this class.</summary>
    public static bool IsProtected(DisclosureClass disclosureClass) =>
        disclosureClass is DisclosureClass.PeopleCount or DisclosureClass.RateOfPeople;

    private sealed record File(List<DisclosureDeclaration> Classes, List<DisclosureRelation> Relations);

    private static DisclosureCatalogue Load()
    {
        var assembly = typeof(DisclosureCatalogue).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Catalogue.disclosure.json", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        try
        {
            var file = JsonSerializer.Deserialize<File>(stream, Json) ?? throw new InvalidOperationException($"{name} is empty.");
            return new DisclosureCatalogue(file.Classes, file.Relations);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"Disclosure catalogue file {name} is not valid: {e.Message}", e);
        }
    }
}
