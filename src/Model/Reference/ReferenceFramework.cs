using CommunityJustice.Analytics.Model.Framework;

namespace CommunityJustice.Analytics.Model.Reference;

/// <summary>
/// The national aims and priority actions of the National Strategy for Community Justice
/// (Scottish Government, 2022), and the nationally determined outcomes and national indicators of
/// the Community Justice Performance Framework (Scottish Government, 2023), as reproduced in the
/// Clackmannanshire CJOIP 2023-2028 ("Appendix 1 Table of National Outcomes and Associated
/// Indicators" and "Table of National Aims and Priority Actions") and the Midlothian CJOIP
/// 2023-2028 ("National Outcomes and Indicators for Community Justice").
/// <para>
/// Wording follows the Clackmannanshire tables (HTML markup removed); the Midlothian text was used
/// to check it. Differences between the documents:
/// <list type="bullet">
/// <item>The Clackmannanshire report says the strategy has "11 priority actions" (paras 3.4 and
/// "The National Policy Context"), but both of its tables, and the Midlothian plan, list 13. The 13
/// listed are transcribed. Para 3.4 also points to "Appendix 3" for them; the tables are in
/// Appendix 1 and an unnumbered annex.</item>
/// <item>The Midlothian plan says the strategy highlights "four 'National Aims' and thirteen
/// 'National Indicators'"; the thirteen are the priority actions. The CJPF table lists 14 national
/// indicators (as bullets under 9 outcomes).</item>
/// <item>The priority action numbering of the CJPF appendix (1-13) is the same as the strategy
/// table's; no renumbering was needed.</item>
/// <item>Midlothian ends the aims (2-4) and priority actions with a full stop and writes "voluntary
/// through care" (priority action 10); Clackmannanshire writes "voluntary throughcare", which the
/// CJPF indicator wording also uses.</item>
/// <item>The Clackmannanshire delivery plan restates two national outcomes loosely: "More people
/// in policy custody receive support ..." (the CJPF table has "police custody") and "More people
/// access services to support desistance from offending" (the CJPF table has "... desistance and
/// successfully complete community sentences"). The CJPF table wording is used.</item>
/// <item>The framework is named "Community Justice Performance Framework" (Clackmannanshire
/// Appendix 1), "National Justice Performance Framework" (Clackmannanshire, policy context) and
/// "National Outcomes, Performance and Improvement Framework (2023)" (Midlothian).</item>
/// </list>
/// </para>
/// </summary>
public static class ReferenceFramework
{
    public static readonly IReadOnlyList<NationalAim> Aims =
    [
        new() { Number = 1, Title = "Optimise the use of diversion and intervention at the earliest opportunity" },
        new() { Number = 2, Title = "Ensure that robust and high quality community interventions and public protection arrangements are consistently available across Scotland" },
        new() { Number = 3, Title = "Ensure that services are accessible and available to address the needs of individuals accused or convicted of an offence" },
        new() { Number = 4, Title = "Strengthen the leadership, engagement, and partnership working of local and national community justice partners" },
    ];

    public static readonly IReadOnlyList<PriorityAction> PriorityActions =
    [
        // Aim 1
        new() { Number = 1, NationalAimNumber = 1, Title = "Enhance intervention at the earliest opportunity by ensuring greater consistency, confidence in and awareness of services which support the use of direct measures and diversion from prosecution" },
        new() { Number = 2, NationalAimNumber = 1, Title = "Improve the identification of underlying needs and the delivery of support following arrest by ensuring the provision of person-centred care within police custody and building upon referral opportunities to services including substance use and mental health services" },

        // Aim 2
        new() { Number = 3, NationalAimNumber = 2, Title = "Support the use of robust alternatives to remand by ensuring high quality bail services are consistently available and delivered effectively" },
        // CJPF: no nationally determined outcome ("currently has no robust and measurable nationally
        // determined outcome. This will be considered as part of future development.").
        new() { Number = 4, NationalAimNumber = 2, Title = "Strengthen options for safe and supported management in the community by increasing and widening the use of electronic monitoring technologies" },
        new() { Number = 5, NationalAimNumber = 2, Title = "Ensure that those given community sentences are supervised and supported appropriately to protect the public, promote desistance from offending and enable rehabilitation by delivering high quality, consistently available, trauma-informed services and programmes" },
        // CJPF: no nationally determined outcome ("tracked through the implementation of the
        // restorative justice action plan and other national governance structures").
        new() { Number = 6, NationalAimNumber = 2, Title = "Ensure restorative justice is available across Scotland to all those who wish to access it by promoting and supporting the appropriate and safe provision of available services" },

        // Aim 3
        new() { Number = 7, NationalAimNumber = 3, Title = "Enhance individuals' access to health and social care and continuity of care following release from prison by improving the sharing of information and partnership-working between relevant partners" },
        new() { Number = 8, NationalAimNumber = 3, Title = "Ensure that the housing needs of individuals in prison are addressed consistently and at an early stage by fully implementing and embedding the Sustainable Housing on Release for Everyone (SHORE) standards across all local authority areas" },
        new() { Number = 9, NationalAimNumber = 3, Title = "Enhance individual's life skills and readiness for employment by ensuring increased access to employability support through effective education, learning, training, career services and relevant benefit services" },
        // Midlothian writes "voluntary through care"; Clackmannanshire "voluntary throughcare".
        new() { Number = 10, NationalAimNumber = 3, Title = "Enhance community integration and support by increasing and promoting greater use of voluntary throughcare and third sector services" },

        // Aim 4
        // CJPF: no nationally determined outcome ("Improvement ... can be demonstrated through
        // progress in the 9 outcomes in the CJPF"; also covered by the Care Inspectorate's guide to
        // self-evaluation for community justice partners).
        new() { Number = 11, NationalAimNumber = 4, Title = "Deliver improved community justice outcomes by ensuring that effective leadership and governance arrangements are in place and working well, collaborating with partners and planning strategically" },
        // CJPF: no nationally determined outcome ("should be built into the work to progress the 9
        // outcomes in the CJPF"; also covered by the Care Inspectorate's self-evaluation guide).
        new() { Number = 12, NationalAimNumber = 4, Title = "Enhance partnership planning and implementation by ensuring the voices of victims of crime, survivors, those with lived experience and their families are effectively incorporated and embedded" },
        new() { Number = 13, NationalAimNumber = 4, Title = "Support integration and reduce stigma by ensuring the community and workforce have an improved understanding of and confidence in community justice" },
    ];

    // The 9 nationally determined outcomes, numbered in the order of the CJPF table. Each row of
    // that table belongs to exactly one priority action; none spans several.
    public static readonly IReadOnlyList<NationalOutcome> Outcomes =
    [
        new() { Number = 1, PriorityActionNumber = 1, Title = "More people successfully complete diversion from prosecution" },
        new() { Number = 2, PriorityActionNumber = 2, Title = "More people in police custody receive support to address their needs" },
        new() { Number = 3, PriorityActionNumber = 3, Title = "More people are assessed for and successfully complete bail supervision" },
        new() { Number = 4, PriorityActionNumber = 5, Title = "More people access services to support desistance and successfully complete community sentences" },
        new() { Number = 5, PriorityActionNumber = 7, Title = "More people have access to, and continuity of, health and social care following release from a prison sentence" },
        new() { Number = 6, PriorityActionNumber = 8, Title = "More people have access to suitable accommodation following release from a prison sentence" },
        new() { Number = 7, PriorityActionNumber = 9, Title = "More people with convictions access support to enhance their readiness for employment" },
        new() { Number = 8, PriorityActionNumber = 10, Title = "More people access voluntary throughcare following a short term prison sentence" },
        new() { Number = 9, PriorityActionNumber = 13, Title = "More people across the workforce and in the community understand, and have confidence in, community justice" },
    ];

    // The CJPF table gives each outcome's indicators as a lead-in ("Number of ...:",
    // "Percentage of:") followed by bullets; each title here joins the lead-in to one bullet.
    public static readonly IReadOnlyList<NationalIndicator> Indicators =
    [
        // Outcome 1: "Number of diversion from prosecution:"
        new() { Code = "diversion-assessments-undertaken", NationalOutcomeNumber = 1, Title = "Number of diversion from prosecution assessments undertaken" },
        new() { Code = "diversion-cases-commenced", NationalOutcomeNumber = 1, Title = "Number of diversion from prosecution cases commenced" },
        new() { Code = "diversion-cases-completed", NationalOutcomeNumber = 1, Title = "Number of diversion from prosecution cases successfully completed" },

        // Outcome 2
        new() { Code = "custody-centre-referrals", NationalOutcomeNumber = 2, Title = "Number of referrals from custody centres" },

        // Outcome 3
        new() { Code = "bail-assessment-reports", NationalOutcomeNumber = 3, Title = "Number of assessment reports for bail suitability" },
        new() { Code = "bail-supervision-commenced", NationalOutcomeNumber = 3, Title = "Number of bail supervision cases commenced" },
        new() { Code = "bail-supervision-completed", NationalOutcomeNumber = 3, Title = "Number of bail supervision cases completed" },

        // Outcome 4
        new() { Code = "cpo-successful-completion", NationalOutcomeNumber = 4, Title = "Percentage of community payback orders successfully completed" },
        new() { Code = "dtto-successful-completion", NationalOutcomeNumber = 4, Title = "Percentage of drug treatment and testing orders successfully completed" },

        // Outcome 5
        new() { Code = "drug-alcohol-treatment-transfers-custody-to-community", NationalOutcomeNumber = 5, Title = "Number of transfers in drug/alcohol treatments from custody to community" },

        // Outcome 6. "main application" is as printed in the Clackmannanshire table (the seed index
        // paraphrases it as "the applicant").
        new() { Code = "homeless-applications-from-prison", NationalOutcomeNumber = 6, Title = "Number of homeless applications where prison was the property the main application became homeless from" },

        // Outcome 7
        new() { Code = "employability-services-with-convictions", NationalOutcomeNumber = 7, Title = "Percentage of those in employability services with convictions" },

        // Outcome 8
        new() { Code = "voluntary-throughcare-commenced", NationalOutcomeNumber = 8, Title = "Number of voluntary throughcare cases commenced" },

        // Outcome 9
        new() { Code = "public-support-community-sentences", NationalOutcomeNumber = 9, Title = "Percentage of people who agree that people should help their community as part of a community sentence rather than spend a few months in prison for a minor offence" },
    ];
}
