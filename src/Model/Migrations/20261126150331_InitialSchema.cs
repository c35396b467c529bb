using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace CommunityJustice.Analytics.Model.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "age_bands",
                columns: table => new
                {
                    code = table.Column<string>(type: "text", nullable: false),
                    label = table.Column<string>(type: "text", nullable: false),
                    min_age = table.Column<int>(type: "integer", nullable: true),
                    max_age = table.Column<int>(type: "integer", nullable: true),
                    sort_order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_age_bands", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "areas",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    level = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    parent_code = table.Column<string>(type: "character varying(9)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_areas", x => x.code);
                    table.ForeignKey(
                        name: "fk_areas_areas_parent_code",
                        column: x => x.parent_code,
                        principalTable: "areas",
                        principalColumn: "code");
                });

            migrationBuilder.CreateTable(
                name: "datasets",
                columns: table => new
                {
                    code = table.Column<string>(type: "text", nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    publisher = table.Column<string>(type: "text", nullable: false),
                    source_url = table.Column<string>(type: "text", nullable: false),
                    licence = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_datasets", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "national_aims",
                columns: table => new
                {
                    number = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_national_aims", x => x.number);
                });

            migrationBuilder.CreateTable(
                name: "area_aliases",
                columns: table => new
                {
                    normalised_name = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    area_code = table.Column<string>(type: "character varying(9)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_area_aliases", x => x.normalised_name);
                    table.ForeignKey(
                        name: "fk_area_aliases_areas_area_code",
                        column: x => x.area_code,
                        principalTable: "areas",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "area_code_successions",
                columns: table => new
                {
                    old_code = table.Column<string>(type: "text", nullable: false),
                    new_code = table.Column<string>(type: "character varying(9)", nullable: false),
                    effective_from = table.Column<DateOnly>(type: "date", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_area_code_successions", x => x.old_code);
                    table.ForeignKey(
                        name: "fk_area_code_successions_areas_new_code",
                        column: x => x.new_code,
                        principalTable: "areas",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "dataset_versions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    dataset_code = table.Column<string>(type: "text", nullable: false),
                    edition_date = table.Column<DateOnly>(type: "date", nullable: false),
                    file_name = table.Column<string>(type: "text", nullable: false),
                    file_sha256 = table.Column<string>(type: "text", nullable: false),
                    loaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    rows_read = table.Column<long>(type: "bigint", nullable: false),
                    rows_loaded = table.Column<long>(type: "bigint", nullable: false),
                    rows_rejected = table.Column<long>(type: "bigint", nullable: false),
                    is_latest = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dataset_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_dataset_versions_datasets_dataset_code",
                        column: x => x.dataset_code,
                        principalTable: "datasets",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "priority_actions",
                columns: table => new
                {
                    number = table.Column<int>(type: "integer", nullable: false),
                    national_aim_number = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_priority_actions", x => x.number);
                    table.ForeignKey(
                        name: "fk_priority_actions_national_aims_national_aim_number",
                        column: x => x.national_aim_number,
                        principalTable: "national_aims",
                        principalColumn: "number",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ingest_rejects",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    dataset_version_id = table.Column<int>(type: "integer", nullable: false),
                    line_number = table.Column<long>(type: "bigint", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ingest_rejects", x => x.id);
                    table.ForeignKey(
                        name: "fk_ingest_rejects_dataset_versions_dataset_version_id",
                        column: x => x.dataset_version_id,
                        principalTable: "dataset_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "national_outcomes",
                columns: table => new
                {
                    number = table.Column<int>(type: "integer", nullable: false),
                    priority_action_number = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_national_outcomes", x => x.number);
                    table.ForeignKey(
                        name: "fk_national_outcomes_priority_actions_priority_action_number",
                        column: x => x.priority_action_number,
                        principalTable: "priority_actions",
                        principalColumn: "number",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "national_indicators",
                columns: table => new
                {
                    code = table.Column<string>(type: "text", nullable: false),
                    national_outcome_number = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_national_indicators", x => x.code);
                    table.ForeignKey(
                        name: "fk_national_indicators_national_outcomes_national_outcome_numb",
                        column: x => x.national_outcome_number,
                        principalTable: "national_outcomes",
                        principalColumn: "number",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "indicators",
                columns: table => new
                {
                    code = table.Column<string>(type: "text", nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    measure_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    unit = table.Column<string>(type: "text", nullable: false),
                    polarity = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    national_indicator_code = table.Column<string>(type: "text", nullable: true),
                    national_aim_number = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_indicators", x => x.code);
                    table.ForeignKey(
                        name: "fk_indicators_national_aims_national_aim_number",
                        column: x => x.national_aim_number,
                        principalTable: "national_aims",
                        principalColumn: "number");
                    table.ForeignKey(
                        name: "fk_indicators_national_indicators_national_indicator_code",
                        column: x => x.national_indicator_code,
                        principalTable: "national_indicators",
                        principalColumn: "code");
                });

            migrationBuilder.CreateTable(
                name: "observations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    indicator_code = table.Column<string>(type: "text", nullable: false),
                    area_code = table.Column<string>(type: "character varying(9)", nullable: false),
                    period_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    period_label = table.Column<string>(type: "text", nullable: false),
                    period_start = table.Column<DateOnly>(type: "date", nullable: false),
                    period_end = table.Column<DateOnly>(type: "date", nullable: false),
                    sex = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    age_band_code = table.Column<string>(type: "text", nullable: false),
                    value = table.Column<decimal>(type: "numeric(18,6)", precision: 18, scale: 6, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    marker = table.Column<string>(type: "text", nullable: true),
                    dataset_version_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_observations", x => x.id);
                    table.CheckConstraint("ck_observations_value_only_when_published", "(status = 'Published') = (value IS NOT NULL)");
                    table.ForeignKey(
                        name: "fk_observations_age_bands_age_band_code",
                        column: x => x.age_band_code,
                        principalTable: "age_bands",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_observations_areas_area_code",
                        column: x => x.area_code,
                        principalTable: "areas",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_observations_dataset_versions_dataset_version_id",
                        column: x => x.dataset_version_id,
                        principalTable: "dataset_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_observations_indicators_indicator_code",
                        column: x => x.indicator_code,
                        principalTable: "indicators",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "age_bands",
                columns: new[] { "code", "label", "max_age", "min_age", "sort_order" },
                values: new object[,]
                {
                    { "21-25", "21 to 25 years", 25, 21, 20 },
                    { "26-30", "26 to 30 years", 30, 26, 30 },
                    { "31-40", "31 to 40 years", 40, 31, 40 },
                    { "all", "All ages", null, null, 0 },
                    { "over-40", "Over 40 years", null, 41, 50 },
                    { "under-21", "Under 21 years", 20, null, 10 }
                });

            migrationBuilder.InsertData(
                table: "areas",
                columns: new[] { "code", "level", "name", "parent_code" },
                values: new object[] { "S92000003", "Country", "Scotland", null });

            migrationBuilder.InsertData(
                table: "indicators",
                columns: new[] { "code", "description", "measure_type", "national_aim_number", "national_indicator_code", "polarity", "title", "unit" },
                values: new object[,]
                {
                    { "reconviction-rate", "Percentage of the offender cohort (people convicted, or released from a custodial sentence, in the financial year) who were reconvicted of a further offence committed within one year. Scottish Government, Reconviction Rates in Scotland.", "Percentage", null, null, "LowerIsBetter", "One-year reconviction rate", "% of offenders reconvicted within one year" },
                    { "reconvictions-per-offender", "Mean number of reconvictions within one year per member of the offender cohort. Scottish Government, Reconviction Rates in Scotland.", "Mean", null, null, "LowerIsBetter", "Average number of reconvictions per offender", "reconvictions per offender" }
                });

            migrationBuilder.InsertData(
                table: "national_aims",
                columns: new[] { "number", "title" },
                values: new object[,]
                {
                    { 1, "Optimise the use of diversion and intervention at the earliest opportunity" },
                    { 2, "Ensure that robust and high quality community interventions and public protection arrangements are consistently available across Scotland" },
                    { 3, "Ensure that services are accessible and available to address the needs of individuals accused or convicted of an offence" },
                    { 4, "Strengthen the leadership, engagement, and partnership working of local and national community justice partners" }
                });

            migrationBuilder.InsertData(
                table: "area_aliases",
                columns: new[] { "normalised_name", "area_code", "name" },
                values: new object[] { "scotland", "S92000003", "Scotland" });

            migrationBuilder.InsertData(
                table: "areas",
                columns: new[] { "code", "level", "name", "parent_code" },
                values: new object[,]
                {
                    { "S12000005", "CouncilArea", "Clackmannanshire", "S92000003" },
                    { "S12000006", "CouncilArea", "Dumfries and Galloway", "S92000003" },
                    { "S12000008", "CouncilArea", "East Ayrshire", "S92000003" },
                    { "S12000010", "CouncilArea", "East Lothian", "S92000003" },
                    { "S12000011", "CouncilArea", "East Renfrewshire", "S92000003" },
                    { "S12000013", "CouncilArea", "Na h-Eileanan Siar", "S92000003" },
                    { "S12000014", "CouncilArea", "Falkirk", "S92000003" },
                    { "S12000017", "CouncilArea", "Highland", "S92000003" },
                    { "S12000018", "CouncilArea", "Inverclyde", "S92000003" },
                    { "S12000019", "CouncilArea", "Midlothian", "S92000003" },
                    { "S12000020", "CouncilArea", "Moray", "S92000003" },
                    { "S12000021", "CouncilArea", "North Ayrshire", "S92000003" },
                    { "S12000023", "CouncilArea", "Orkney Islands", "S92000003" },
                    { "S12000026", "CouncilArea", "Scottish Borders", "S92000003" },
                    { "S12000027", "CouncilArea", "Shetland Islands", "S92000003" },
                    { "S12000028", "CouncilArea", "South Ayrshire", "S92000003" },
                    { "S12000029", "CouncilArea", "South Lanarkshire", "S92000003" },
                    { "S12000030", "CouncilArea", "Stirling", "S92000003" },
                    { "S12000033", "CouncilArea", "Aberdeen City", "S92000003" },
                    { "S12000034", "CouncilArea", "Aberdeenshire", "S92000003" },
                    { "S12000035", "CouncilArea", "Argyll and Bute", "S92000003" },
                    { "S12000036", "CouncilArea", "City of Edinburgh", "S92000003" },
                    { "S12000038", "CouncilArea", "Renfrewshire", "S92000003" },
                    { "S12000039", "CouncilArea", "West Dunbartonshire", "S92000003" },
                    { "S12000040", "CouncilArea", "West Lothian", "S92000003" },
                    { "S12000041", "CouncilArea", "Angus", "S92000003" },
                    { "S12000042", "CouncilArea", "Dundee City", "S92000003" },
                    { "S12000045", "CouncilArea", "East Dunbartonshire", "S92000003" },
                    { "S12000047", "CouncilArea", "Fife", "S92000003" },
                    { "S12000048", "CouncilArea", "Perth and Kinross", "S92000003" },
                    { "S12000049", "CouncilArea", "Glasgow City", "S92000003" },
                    { "S12000050", "CouncilArea", "North Lanarkshire", "S92000003" }
                });

            migrationBuilder.InsertData(
                table: "priority_actions",
                columns: new[] { "number", "national_aim_number", "title" },
                values: new object[,]
                {
                    { 1, 1, "Enhance intervention at the earliest opportunity by ensuring greater consistency, confidence in and awareness of services which support the use of direct measures and diversion from prosecution" },
                    { 2, 1, "Improve the identification of underlying needs and the delivery of support following arrest by ensuring the provision of person-centred care within police custody and building upon referral opportunities to services including substance use and mental health services" },
                    { 3, 2, "Support the use of robust alternatives to remand by ensuring high quality bail services are consistently available and delivered effectively" },
                    { 4, 2, "Strengthen options for safe and supported management in the community by increasing and widening the use of electronic monitoring technologies" },
                    { 5, 2, "Ensure that those given community sentences are supervised and supported appropriately to protect the public, promote desistance from offending and enable rehabilitation by delivering high quality, consistently available, trauma-informed services and programmes" },
                    { 6, 2, "Ensure restorative justice is available across Scotland to all those who wish to access it by promoting and supporting the appropriate and safe provision of available services" },
                    { 7, 3, "Enhance individuals' access to health and social care and continuity of care following release from prison by improving the sharing of information and partnership-working between relevant partners" },
                    { 8, 3, "Ensure that the housing needs of individuals in prison are addressed consistently and at an early stage by fully implementing and embedding the Sustainable Housing on Release for Everyone (SHORE) standards across all local authority areas" },
                    { 9, 3, "Enhance individual's life skills and readiness for employment by ensuring increased access to employability support through effective education, learning, training, career services and relevant benefit services" },
                    { 10, 3, "Enhance community integration and support by increasing and promoting greater use of voluntary throughcare and third sector services" },
                    { 11, 4, "Deliver improved community justice outcomes by ensuring that effective leadership and governance arrangements are in place and working well, collaborating with partners and planning strategically" },
                    { 12, 4, "Enhance partnership planning and implementation by ensuring the voices of victims of crime, survivors, those with lived experience and their families are effectively incorporated and embedded" },
                    { 13, 4, "Support integration and reduce stigma by ensuring the community and workforce have an improved understanding of and confidence in community justice" }
                });

            migrationBuilder.InsertData(
                table: "area_aliases",
                columns: new[] { "normalised_name", "area_code", "name" },
                values: new object[,]
                {
                    { "aberdeen", "S12000033", "Aberdeen" },
                    { "aberdeen city", "S12000033", "Aberdeen City" },
                    { "aberdeenshire", "S12000034", "Aberdeenshire" },
                    { "angus", "S12000041", "Angus" },
                    { "argyll and bute", "S12000035", "Argyll and Bute" },
                    { "borders", "S12000026", "Borders" },
                    { "city of edinburgh", "S12000036", "City of Edinburgh" },
                    { "clackmannanshire", "S12000005", "Clackmannanshire" },
                    { "comhairle nan eilean siar", "S12000013", "Comhairle nan Eilean Siar" },
                    { "dumfries and galloway", "S12000006", "Dumfries and Galloway" },
                    { "dundee", "S12000042", "Dundee" },
                    { "dundee city", "S12000042", "Dundee City" },
                    { "east ayrshire", "S12000008", "East Ayrshire" },
                    { "east dunbartonshire", "S12000045", "East Dunbartonshire" },
                    { "east lothian", "S12000010", "East Lothian" },
                    { "east renfrewshire", "S12000011", "East Renfrewshire" },
                    { "edinburgh", "S12000036", "Edinburgh" },
                    { "edinburgh city", "S12000036", "Edinburgh City" },
                    { "edinburgh city of", "S12000036", "Edinburgh, City of" },
                    { "eilean siar", "S12000013", "Eilean Siar" },
                    { "falkirk", "S12000014", "Falkirk" },
                    { "fife", "S12000047", "Fife" },
                    { "glasgow", "S12000049", "Glasgow" },
                    { "glasgow city", "S12000049", "Glasgow City" },
                    { "highland", "S12000017", "Highland" },
                    { "inverclyde", "S12000018", "Inverclyde" },
                    { "midlothian", "S12000019", "Midlothian" },
                    { "moray", "S12000020", "Moray" },
                    { "na h eileanan siar", "S12000013", "Na h-Eileanan Siar" },
                    { "north ayrshire", "S12000021", "North Ayrshire" },
                    { "north lanarkshire", "S12000050", "North Lanarkshire" },
                    { "orkney", "S12000023", "Orkney" },
                    { "orkney islands", "S12000023", "Orkney Islands" },
                    { "perth and kinross", "S12000048", "Perth and Kinross" },
                    { "renfrewshire", "S12000038", "Renfrewshire" },
                    { "scottish borders", "S12000026", "Scottish Borders" },
                    { "shetland", "S12000027", "Shetland" },
                    { "shetland islands", "S12000027", "Shetland Islands" },
                    { "south ayrshire", "S12000028", "South Ayrshire" },
                    { "south lanarkshire", "S12000029", "South Lanarkshire" },
                    { "stirling", "S12000030", "Stirling" },
                    { "west dunbartonshire", "S12000039", "West Dunbartonshire" },
                    { "west lothian", "S12000040", "West Lothian" },
                    { "western isles", "S12000013", "Western Isles" }
                });

            migrationBuilder.InsertData(
                table: "area_code_successions",
                columns: new[] { "old_code", "effective_from", "new_code", "reason" },
                values: new object[,]
                {
                    { "S12000015", new DateOnly(2018, 2, 2), "S12000047", "Fife and Perth and Kinross boundary amendment (SSI 2017/430)" },
                    { "S12000024", new DateOnly(2018, 2, 2), "S12000048", "Fife and Perth and Kinross boundary amendment (SSI 2017/430)" },
                    { "S12000044", new DateOnly(2019, 2, 2), "S12000050", "Glasgow City and North Lanarkshire boundary amendment (2019)" },
                    { "S12000046", new DateOnly(2019, 2, 2), "S12000049", "Glasgow City and North Lanarkshire boundary amendment (2019)" }
                });

            migrationBuilder.InsertData(
                table: "national_outcomes",
                columns: new[] { "number", "priority_action_number", "title" },
                values: new object[,]
                {
                    { 1, 1, "More people successfully complete diversion from prosecution" },
                    { 2, 2, "More people in police custody receive support to address their needs" },
                    { 3, 3, "More people are assessed for and successfully complete bail supervision" },
                    { 4, 5, "More people access services to support desistance and successfully complete community sentences" },
                    { 5, 7, "More people have access to, and continuity of, health and social care following release from a prison sentence" },
                    { 6, 8, "More people have access to suitable accommodation following release from a prison sentence" },
                    { 7, 9, "More people with convictions access support to enhance their readiness for employment" },
                    { 8, 10, "More people access voluntary throughcare following a short term prison sentence" },
                    { 9, 13, "More people across the workforce and in the community understand, and have confidence in, community justice" }
                });

            migrationBuilder.InsertData(
                table: "national_indicators",
                columns: new[] { "code", "national_outcome_number", "title" },
                values: new object[,]
                {
                    { "bail-assessment-reports", 3, "Number of assessment reports for bail suitability" },
                    { "bail-supervision-commenced", 3, "Number of bail supervision cases commenced" },
                    { "bail-supervision-completed", 3, "Number of bail supervision cases completed" },
                    { "cpo-successful-completion", 4, "Percentage of community payback orders successfully completed" },
                    { "custody-centre-referrals", 2, "Number of referrals from custody centres" },
                    { "diversion-assessments-undertaken", 1, "Number of diversion from prosecution assessments undertaken" },
                    { "diversion-cases-commenced", 1, "Number of diversion from prosecution cases commenced" },
                    { "diversion-cases-completed", 1, "Number of diversion from prosecution cases successfully completed" },
                    { "drug-alcohol-treatment-transfers-custody-to-community", 5, "Number of transfers in drug/alcohol treatments from custody to community" },
                    { "dtto-successful-completion", 4, "Percentage of drug treatment and testing orders successfully completed" },
                    { "employability-services-with-convictions", 7, "Percentage of those in employability services with convictions" },
                    { "homeless-applications-from-prison", 6, "Number of homeless applications where prison was the property the main application became homeless from" },
                    { "public-support-community-sentences", 9, "Percentage of people who agree that people should help their community as part of a community sentence rather than spend a few months in prison for a minor offence" },
                    { "voluntary-throughcare-commenced", 8, "Number of voluntary throughcare cases commenced" }
                });

            migrationBuilder.CreateIndex(
                name: "ix_area_aliases_area_code",
                table: "area_aliases",
                column: "area_code");

            migrationBuilder.CreateIndex(
                name: "ix_area_code_successions_new_code",
                table: "area_code_successions",
                column: "new_code");

            migrationBuilder.CreateIndex(
                name: "ix_areas_parent_code",
                table: "areas",
                column: "parent_code");

            migrationBuilder.CreateIndex(
                name: "ix_dataset_versions_dataset_code_file_sha256",
                table: "dataset_versions",
                columns: new[] { "dataset_code", "file_sha256" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_dataset_versions_one_latest",
                table: "dataset_versions",
                column: "dataset_code",
                unique: true,
                filter: "is_latest");

            migrationBuilder.CreateIndex(
                name: "ix_indicators_national_aim_number",
                table: "indicators",
                column: "national_aim_number");

            migrationBuilder.CreateIndex(
                name: "ix_indicators_national_indicator_code",
                table: "indicators",
                column: "national_indicator_code");

            migrationBuilder.CreateIndex(
                name: "ix_ingest_rejects_dataset_version_id",
                table: "ingest_rejects",
                column: "dataset_version_id");

            migrationBuilder.CreateIndex(
                name: "ix_national_indicators_national_outcome_number",
                table: "national_indicators",
                column: "national_outcome_number");

            migrationBuilder.CreateIndex(
                name: "ix_national_outcomes_priority_action_number",
                table: "national_outcomes",
                column: "priority_action_number");

            migrationBuilder.CreateIndex(
                name: "ix_observations_age_band_code",
                table: "observations",
                column: "age_band_code");

            migrationBuilder.CreateIndex(
                name: "ix_observations_area_code",
                table: "observations",
                column: "area_code");

            migrationBuilder.CreateIndex(
                name: "ix_observations_indicator_code_area_code_period_start",
                table: "observations",
                columns: new[] { "indicator_code", "area_code", "period_start" });

            migrationBuilder.CreateIndex(
                name: "ux_observations_cell",
                table: "observations",
                columns: new[] { "dataset_version_id", "indicator_code", "area_code", "period_start", "period_end", "sex", "age_band_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_priority_actions_national_aim_number",
                table: "priority_actions",
                column: "national_aim_number");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "area_aliases");

            migrationBuilder.DropTable(
                name: "area_code_successions");

            migrationBuilder.DropTable(
                name: "ingest_rejects");

            migrationBuilder.DropTable(
                name: "observations");

            migrationBuilder.DropTable(
                name: "age_bands");

            migrationBuilder.DropTable(
                name: "areas");

            migrationBuilder.DropTable(
                name: "dataset_versions");

            migrationBuilder.DropTable(
                name: "indicators");

            migrationBuilder.DropTable(
                name: "datasets");

            migrationBuilder.DropTable(
                name: "national_indicators");

            migrationBuilder.DropTable(
                name: "national_outcomes");

            migrationBuilder.DropTable(
                name: "priority_actions");

            migrationBuilder.DropTable(
                name: "national_aims");
        }
    }
}
