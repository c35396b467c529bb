using CommunityJustice.Analytics.Ingest.Formats.SgExcel;
using CommunityJustice.Analytics.Model.Observations;
using Xunit;

namespace CommunityJustice.Analytics.Ingest.Tests.Excel;

public class CellTextTests
{
    [Theory]
    [InlineData("Age2", "Age")]
    [InlineData("Table 1: Reconviction rates: 1997-98 to 2017-18 cohorts1", "Table 1: Reconviction rates: 1997-98 to 2017-18 cohorts")]
    [InlineData("cohorts1,2", "cohorts")]
    [InlineData("Discharged from Custody3", "Discharged from Custody")]
    [InlineData("Other2", "Other")]
    [InlineData("Probation and other community sentences [note 18]", "Probation and other community sentences")]
    [InlineData("Total [note 35]", "Total")]
    [InlineData("  Average   number ", "Average number")]
    [InlineData("Under 16", "Under 16")]
    [InlineData("2009-10", "2009-10")]
    [InlineData("Unknown 1 - No match and NFA", "Unknown 1 - No match and NFA")]
    [InlineData("S12000033", "S12000033")]
    public void Footnote_digits_and_note_tags_are_not_part_of_a_label(string printed, string meant) =>
        Assert.Equal(meant, CellText.Normalise(printed));

    [Theory]
    [InlineData("[x]", ObservationStatus.Suppressed)]
    [InlineData("[c]", ObservationStatus.Suppressed)]
    [InlineData("**", ObservationStatus.Suppressed)]
    [InlineData("[low]", ObservationStatus.Suppressed)]
    [InlineData("low", ObservationStatus.Suppressed)]
    [InlineData("n/r", ObservationStatus.Suppressed)]
    [InlineData("n/l", ObservationStatus.NotAvailable)]
    [InlineData(" - ", ObservationStatus.NotAvailable)]
    [InlineData("x", ObservationStatus.NotAvailable)]
    [InlineData("[z]", ObservationStatus.NotApplicable)]
    [InlineData("z", ObservationStatus.NotApplicable)]
    public void Every_marker_is_a_status_with_no_value(string cell, ObservationStatus status)
    {
        var read = CellText.Read(cell);
        Assert.Null(read.Error);
        Assert.Null(read.Value);
        Assert.Equal(status, read.Status);
        Assert.Equal(cell.Trim(), read.Marker);
    }

    [Theory]
    [InlineData("    0.59*†", 0.59, "*†")]
    [InlineData("  0.60†", 0.60, "†")]
    [InlineData("  28.4X", 28.4, "X")]
    [InlineData("1,808", 1808, null)]
    [InlineData("26.3", 26.3, null)]
    public void Numbers_stored_as_text_keep_their_flags_as_the_marker(string cell, double value, string? flags)
    {
        var read = CellText.Read(cell);
        Assert.Null(read.Error);
        Assert.Equal((decimal)value, read.Value);
        Assert.Equal(ObservationStatus.Published, read.Status);
        Assert.Equal(flags, read.Marker);
    }

    [Fact]
    public void Stored_numbers_lose_binary_noise() => Assert.Equal(8215.20054945055m, CellText.Read(8215.20054945055).Value);

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("abc")]
    [InlineData("1,2")]
    public void An_empty_or_unreadable_cell_is_a_problem_never_a_zero(string? cell)
    {
        var read = CellText.Read(cell);
        Assert.NotNull(read.Error);
        Assert.Null(read.Value);
    }

    [Theory]
    [InlineData("Table 13", 2, 12, "'Table 13'!C12")]
    [InlineData("M1", 0, 4, "M1!A4")]
    [InlineData("Table_7a", 27, 5, "Table_7a!AB5")]
    public void Rejects_are_addressed_by_cell(string sheet, int column, long row, string address) =>
        Assert.Equal(address, CellText.Address(sheet, column, row));

    [Theory]
    [InlineData("2017-18", "financialYear", "2017-18", "2017-04-01", "2018-03-31")]
    [InlineData("1999-00", "financialYear", "1999-00", "1999-04-01", "2000-03-31")]
    [InlineData("2019-04", "month", "2019-04", "2019-04-01", "2019-04-30")]
    [InlineData("2019 - Qtr 2", "quarter", "2019-Q2", "2019-04-01", "2019-06-30")]
    public void Periods_as_SG_tables_print_them(string text, string form, string label, string start, string end)
    {
        Assert.True(ExcelPeriod.TryParse(text, [form], out var period));
        Assert.Equal(label, period.Label);
        Assert.Equal(DateOnly.Parse(start), period.Start);
        Assert.Equal(DateOnly.Parse(end), period.End);
    }

    [Fact]
    public void A_financial_year_is_not_read_as_a_month_unless_the_manifest_says_months()
    {
        Assert.False(ExcelPeriod.TryParse("2019-04", [ExcelPeriod.FinancialYear], out _));
        Assert.True(ExcelPeriod.TryParse("2010-11", [ExcelPeriod.FinancialYear], out var fy));
        Assert.Equal(PeriodType.FinancialYear, fy.Type);
        Assert.True(ExcelPeriod.TryParse("2010-11", [ExcelPeriod.Month], out var month));
        Assert.Equal(PeriodType.Month, month.Type);
    }
}
