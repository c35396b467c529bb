using CommunityJustice.Analytics.Ingest.Reading;
using CommunityJustice.Analytics.Ingest.StatGov;
using CommunityJustice.Analytics.Model.Observations;
using Xunit;

namespace CommunityJustice.Analytics.Ingest.Tests.StatGov;

public class DateCodeTests
{
    [Theory]
    [InlineData("2016", PeriodType.CalendarYear, "2016", "2016-01-01", "2016-12-31")]
    [InlineData("2016-Q1", PeriodType.Quarter, "2016-Q1", "2016-01-01", "2016-03-31")]
    [InlineData("2016-Q2", PeriodType.Quarter, "2016-Q2", "2016-04-01", "2016-06-30")]
    [InlineData("2016-Q4", PeriodType.Quarter, "2016-Q4", "2016-10-01", "2016-12-31")]
    [InlineData("2016M08", PeriodType.Month, "2016-08", "2016-08-01", "2016-08-31")]
    [InlineData("2016M02", PeriodType.Month, "2016-02", "2016-02-01", "2016-02-29")]
    [InlineData("2009/2010", PeriodType.FinancialYear, "2009-10", "2009-04-01", "2010-03-31")]
    [InlineData("2017/2018", PeriodType.FinancialYear, "2017-18", "2017-04-01", "2018-03-31")]
    [InlineData("1999/2000", PeriodType.FinancialYear, "1999-00", "1999-04-01", "2000-03-31")]
    [InlineData("2009/10", PeriodType.FinancialYear, "2009-10", "2009-04-01", "2010-03-31")]
    [InlineData("2005-2007", PeriodType.YearRange, "2005-2007", "2005-01-01", "2007-12-31")]
    [InlineData("2005/06 - 2009/10", PeriodType.FinancialYearRange, "2005-06 to 2009-10", "2005-04-01", "2010-03-31")]
    [InlineData("2005/06-2009/10", PeriodType.FinancialYearRange, "2005-06 to 2009-10", "2005-04-01", "2010-03-31")]
    [InlineData(" 2016 ", PeriodType.CalendarYear, "2016", "2016-01-01", "2016-12-31")]
    public void Parses_every_statistics_gov_scot_form(string code, PeriodType type, string label, string start, string end)
    {
        Assert.True(DateCode.TryParse(code, out var period));
        Assert.Equal(new Period(type, label, DateOnly.Parse(start), DateOnly.Parse(end)), period);
    }

    [Theory]
    [InlineData("")]
    [InlineData("16")]
    [InlineData("2016-Q5")]
    [InlineData("2016-Q0")]
    [InlineData("2016M13")]
    [InlineData("2016M00")]
    [InlineData("2009/2011")]   // a financial year spans exactly one year
    [InlineData("2010/2009")]
    [InlineData("2009/11")]
    [InlineData("2007-2005")]   // a range must run forwards
    [InlineData("2009/10 - 2005/06")]
    [InlineData("2016-08-01")]
    [InlineData("twenty16")]
    [InlineData("0016")]
    public void Refuses_what_is_not_a_DateCode(string code)
    {
        Assert.False(DateCode.TryParse(code, out _));
        Assert.Throws<FormatException>(() => DateCode.Parse(code));
    }
}
