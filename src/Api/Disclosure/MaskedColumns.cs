using CommunityJustice.Analytics.Model.Observations;

namespace CommunityJustice.Analytics.Api.Disclosure;

/// <summary>Whether a query reads a column that disclosure control masks.</summary>
public static class MaskedColumns
{
    private static readonly HashSet<string> Names =
        [nameof(Observation.Value), nameof(Observation.Status), nameof(Observation.Numerator), nameof(Observation.Denominator)];

    public static bool AreRead(System.Linq.Expressions.Expression query)
    {
        var finder = new Finder();
        finder.Visit(query);
        return finder.Found;
    }

    private sealed class Finder : System.Linq.Expressions.ExpressionVisitor
    {
        public bool Found { get; private set; }

        protected override System.Linq.Expressions.Expression VisitMember(System.Linq.Expressions.MemberExpression node)
        {
            if (node.Member.DeclaringType == typeof(Observation) && Names.Contains(node.Member.Name)) Found = true;
            return base.VisitMember(node);
        }
    }
}
