using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CommunityJustice.Analytics.Api.Data;

/// <summary>
/// Rewrites <c>x.Indicator.Code</c> (the key of a related row) to <c>x.IndicatorCode</c> (the foreign key
/// the row already holds) throughout a query, so that filters and sorts on a figure's indicator, area
/// or age band code read the observations table alone instead of joining the related table for a
/// value it already has. Other members of related rows (an area's name, say) still join.
/// </summary>
public static class ForeignKeyShortcuts
{
    public static IQueryable<T> WithForeignKeyShortcuts<T>(this IQueryable<T> query, IModel model) =>
        query.Provider.CreateQuery<T>(new Rewriter(model).Visit(query.Expression));

    private sealed class Rewriter(IModel model) : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Expression is MemberExpression { Expression: { } owner } related
                && model.FindEntityType(owner.Type)?.FindNavigation(related.Member.Name) is { IsOnDependent: true } navigation
                && navigation.ForeignKey.PrincipalKey.Properties is [var key] && key.Name == node.Member.Name
                && navigation.ForeignKey.Properties is [{ PropertyInfo: { } foreignKey }])
            {
                Expression shortcut = Expression.Property(Visit(owner), foreignKey);
                return shortcut.Type == node.Type ? shortcut : Expression.Convert(shortcut, node.Type);
            }
            return base.VisitMember(node);
        }
    }
}
