using CommunityJustice.Analytics.Ingest.PlanFiles;
using CommunityJustice.Analytics.Model.Plans;
using CommunityJustice.Analytics.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace CommunityJustice.Analytics.Ingest.Tests.Plans;

/// <summary>Plan files on a real database: a refused file names its line and reason and changes nothing; a good file is a new edition.</summary>
public sealed class PlanFileLoadTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("plan-files-").FullName;

    private static string ExamplePath => Path.Combine(RepositoryPaths.Root, "src", "Ingest", "Plans", "examples", "example-plan.yaml");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Example => File.ReadAllText(ExamplePath);

    private async Task<PlanLoadResult> LoadAsync(string path)
    {
        await using var db = database.CreateContext();
        return await PlanFileLoader.LoadAsync(db, path, dryRun: false, CancellationToken.None);
    }

    private async Task<string> TablesAsync() =>
        string.Join(" ", await Task.WhenAll(new[] { "partnerships", "partnership_areas", "plans", "plan_editions", "plan_items", "plan_kpis", "plan_actions", "action_statuses", "kpi_figures" }
            .Select(async t => $"{t}={await database.CountAsync($"SELECT count(*) FROM {t}")}")));

    /// <summary>Each broken copy of the example: the text replaced, and the line and words the refusal must name.</summary>
    public static TheoryData<string, string, string, string> BrokenFiles => new()
    {
        { "unknown aim", "    aim: 2\n", "    aim: 7\n", "unknown national aim 7" },
        { "priority action of another aim", "    priorityActions: [3, 4, 5, 6]\n", "    priorityActions: [3, 4, 5, 9]\n", "priority action 9 belongs to national aim 3" },
        { "unknown indicator", "code: cpo-successful-completion-rate,", "code: cpo-successful-completion-percentage,", "unknown indicator 'cpo-successful-completion-percentage'" },
        { "unknown area", "area: Midlothian }\n        target:\n          kind: direction\n          wording: Increase the number of people successfully",
            "area: Midlothain }\n        target:\n          kind: direction\n          wording: Increase the number of people successfully", "unknown area 'Midlothain'" },
        { "duplicated action number", "      - number: 11b\n", "      - number: 11a\n", "action number '11a' is used twice" },
        { "impossible date", "  published: 2023-06-30\n", "  published: 2023-02-30\n", "'2023-02-30' is not a date that exists" },
        { "due before the plan starts", "        due: 2024-12-31\n", "        due: 2022-12-31\n", "action 6a is due 2022-12-31, before the plan starts (2023-04-01)" },
        { "misspelt field", "        target: Four weeks per year", "        taget: Four weeks per year", "unknown field 'taget'" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public async Task A_broken_plan_file_is_refused_with_its_line_and_reason_and_changes_nothing(string what, string find, string replace, string reason)
    {
        await LoadAsync(ExamplePath);
        var before = await TablesAsync();
        Assert.Contains(find, Example);
        var text = Example.Replace(find, replace);
        // Everything before the replaced text is unchanged, so its line is counted in the original.
        var expectedLine = Example[..Example.IndexOf(find, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        var refusal = await Assert.ThrowsAsync<PlanFileException>(() => LoadAsync(Write($"{what.Replace(' ', '-')}.yaml", text)));

        var error = Assert.Single(refusal.Errors);
        Assert.Contains(reason, error.Reason);
        // The line is the replaced text's own line, or (for a field inside it) a line within it.
        Assert.InRange(error.Line, expectedLine, expectedLine + replace.Count(c => c == '\n'));
        Assert.Contains($"line {error.Line}: ", refusal.Message);
        Assert.Equal(before, await TablesAsync());
    }

    [Fact]
    public async Task A_changed_plan_file_is_a_new_edition_and_the_old_one_is_kept()
    {
        var first = await LoadAsync(ExamplePath);
        var again = await LoadAsync(ExamplePath);
        Assert.True(again.AlreadyLoaded);

        var revised = Example.Replace("edition:\n  date: 2023-06-30\n", "edition:\n  date: 2024-06-30\n")
            .Replace("        target: Partnership between peer support and unpaid work team established.\n",
                "        target: Partnership between peer support and unpaid work team established.\n        status:\n          - { status: complete, date: 2024-05-01 }\n");
        Assert.NotEqual(Example, revised);
        var second = await LoadAsync(Write("example-2024.yaml", revised));

        Assert.False(second.AlreadyLoaded);
        Assert.True(second.IsLatest);
        await using var db = database.CreateContext();
        var editions = await db.PlanEditions.Where(v => v.Plan!.Partnership!.Code == "midlothian" && v.Plan.Period == "2023-28")
            .OrderBy(v => v.EditionDate).ToListAsync();
        Assert.Equal([first.EditionId, second.EditionId], editions.Select(v => v.Id));
        Assert.Equal([false, true], editions.Select(v => v.IsLatest));
        Assert.Equal(5, await db.PlanActions.CountAsync(a => a.PlanEditionId == first.EditionId));
        var status = Assert.Single(await db.ActionStatuses.Where(s => s.ActionNumber == "11a").ToListAsync());
        Assert.Equal((ActionStatus.Complete, second.EditionId), (status.Status, status.PlanEditionId));
    }

    [Fact]
    public async Task Every_problem_in_a_file_is_listed_not_only_the_first()
    {
        var text = Example.Replace("    aim: 2\n", "    aim: 9\n").Replace("  published: 2023-06-30\n", "  published: 2023-13-01\n");
        var refusal = await Assert.ThrowsAsync<PlanFileException>(() => LoadAsync(Write("two-problems.yaml", text)));
        Assert.Equal(2, refusal.Errors.Count);
        Assert.Contains(refusal.Errors, e => e.Reason.Contains("unknown national aim 9"));
        Assert.Contains(refusal.Errors, e => e.Reason.Contains("'published' must be a date") || e.Reason.Contains("not a date that exists"));
    }
}
