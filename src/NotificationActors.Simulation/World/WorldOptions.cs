using System.Text.Json;
using System.Text.Json.Serialization;
using NotificationActors.Simulation.Population;

namespace NotificationActors.Simulation.World;

/// <summary>
/// Every parameter of the hidden-truth world (docs/policy.md, "What a good simulator needs"), with the reasoning
/// for its default. Probabilities are per event; times are in hours or days as named. Load a variant from a JSON
/// file with <see cref="Load"/>; <c>world.defaults.json</c> next to the assembly holds exactly these defaults.
/// </summary>
public sealed class WorldOptions
{
    /// <summary>File name of the shipped defaults, copied next to the assembly.</summary>
    public const string DefaultsFileName = "world.defaults.json";

    // ---- Population -------------------------------------------------------------------------------------------

    /// <summary>Default <see cref="CasualShare"/>: the synthetic population's share (<see cref="PopulationOptions"/>), so both agree.</summary>
    public const double DefaultCasualShare = PopulationOptions.DefaultCasualShare;

    /// <summary>Default <see cref="HeavyShare"/>: as <see cref="PopulationOptions"/>.</summary>
    public const double DefaultHeavyShare = PopulationOptions.DefaultHeavyShare;

    /// <summary>Default <see cref="PushOptInShare"/>: as <see cref="PopulationOptions"/>; about the share of app users who allow notifications.</summary>
    public const double DefaultPushOptInShare = PopulationOptions.DefaultPushOptInShare;

    /// <summary>Default <see cref="EmailOptInShare"/>: as <see cref="PopulationOptions"/>.</summary>
    public const double DefaultEmailOptInShare = PopulationOptions.DefaultEmailOptInShare;

    /// <summary>Default <see cref="CasualActivityMin"/>: about one engaged day in five weeks, the quietest members still counted as members.</summary>
    public const double DefaultCasualActivityMin = 0.03;

    /// <summary>Default <see cref="CasualActivityMax"/>: about two engaged days a week, the casual/regular boundary of <see cref="Cohort"/>.</summary>
    public const double DefaultCasualActivityMax = 0.28;

    /// <summary>Default <see cref="RegularActivityMax"/>: about four and a half days a week, the regular/heavy boundary of <see cref="Cohort"/>.</summary>
    public const double DefaultRegularActivityMax = 0.64;

    /// <summary>Default <see cref="HeavyActivityMax"/>: even heavy viewers skip a day now and then.</summary>
    public const double DefaultHeavyActivityMax = 0.95;

    /// <summary>Default <see cref="PushResponsivenessMedian"/>: with a typical taste of about 0.45 and some fatigue it gives observed push open rates near 11%, typical of streaming apps.</summary>
    public const double DefaultPushResponsivenessMedian = 0.35;

    /// <summary>Default <see cref="EmailResponsivenessMedian"/>: below push (observed email open rates near 9% against 11%); email is read later and less often acted on.</summary>
    public const double DefaultEmailResponsivenessMedian = 0.22;

    /// <summary>Default <see cref="InAppResponsivenessMedian"/>: above push, since the member is already in the app and looking at it when an in-app message shows; at a typical taste a rested member opens about one in five, the slow policy's in-app reference open rate.</summary>
    public const double DefaultInAppResponsivenessMedian = 0.5;

    /// <summary>Default <see cref="ResponsivenessSpread"/>: on the logit scale; puts the middle 80% of members within about 2.5x of each other.</summary>
    public const double DefaultResponsivenessSpread = 0.7;

    /// <summary>Default <see cref="CasualResponsivenessFactor"/>: casual viewers open less, as in <see cref="SyntheticPopulation"/>'s open scale.</summary>
    public const double DefaultCasualResponsivenessFactor = 0.7;

    /// <summary>Default <see cref="HeavyResponsivenessFactor"/>: heavy viewers open more, as in <see cref="SyntheticPopulation"/>.</summary>
    public const double DefaultHeavyResponsivenessFactor = 1.3;

    /// <summary>Default <see cref="CasualFatigueFactor"/>: members who rarely watch have least patience for messages and opt out soonest.</summary>
    public const double DefaultCasualFatigueFactor = 1.3;

    /// <summary>Default <see cref="HeavyFatigueFactor"/>: heavy viewers value the service and tolerate more.</summary>
    public const double DefaultHeavyFatigueFactor = 0.8;

    /// <summary>Default <see cref="CasualTenureWeeksMean"/>: casual viewers are newer on average, as in <see cref="SyntheticPopulation"/>.</summary>
    public const double DefaultCasualTenureWeeksMean = 30;

    /// <summary>Default <see cref="RegularTenureWeeksMean"/>: as in <see cref="SyntheticPopulation"/>.</summary>
    public const double DefaultRegularTenureWeeksMean = 80;

    /// <summary>Default <see cref="HeavyTenureWeeksMean"/>: heavy viewers are long-tenured, as in <see cref="SyntheticPopulation"/>.</summary>
    public const double DefaultHeavyTenureWeeksMean = 150;

    /// <summary>Default <see cref="TasteSpread"/>: on the logit scale; every member has a few categories well above and below the median.</summary>
    public const double DefaultTasteSpread = 1.2;

    /// <summary>Default <see cref="UpliftCeilingMedian"/>: at saturation messages win back about 30% of a member's idle days, so a casual viewer can gain half as many days again while a heavy viewer, with few idle days, gains little.</summary>
    public const double DefaultUpliftCeilingMedian = 0.3;

    /// <summary>Default <see cref="UpliftCeilingSpread"/>: on the logit scale; some members barely react, some are easily brought back.</summary>
    public const double DefaultUpliftCeilingSpread = 0.8;

    /// <summary>Default <see cref="FatigueSensitivitySpread"/>: log-normal sigma; the most sensitive tenth tire about twice as fast as the median member.</summary>
    public const double DefaultFatigueSensitivitySpread = 0.55;

    // ---- Opportunities and the catalogue ----------------------------------------------------------------------

    /// <summary>Default <see cref="SlotEarliestHour"/>: no scheduled slot before the working day starts.</summary>
    public const int DefaultSlotEarliestHour = 9;

    /// <summary>Default <see cref="SlotLatestHour"/>: the last slot is early evening, prime viewing time.</summary>
    public const int DefaultSlotLatestHour = 20;

    /// <summary>Default <see cref="LaunchesPerWeek"/>: a few notable titles a week, as a large catalogue releases them.</summary>
    public const double DefaultLaunchesPerWeek = 3;

    /// <summary>Default <see cref="SecondSessionProbability"/>: many active days have a second visit (e.g. evening after lunch).</summary>
    public const double DefaultSecondSessionProbability = 0.4;

    /// <summary>Default <see cref="SessionEarliestHour"/>: app sessions start in the morning.</summary>
    public const int DefaultSessionEarliestHour = 7;

    /// <summary>Default <see cref="SessionLatestHour"/>: and end before midnight, so a session stays in its day.</summary>
    public const int DefaultSessionLatestHour = 23;

    /// <summary>Default <see cref="MinCandidates"/>: every opportunity has something to offer.</summary>
    public const int DefaultMinCandidates = 1;

    /// <summary>Default <see cref="MaxCandidates"/>: a handful, as the issue asks (1 to 4), so choosing among them matters.</summary>
    public const int DefaultMaxCandidates = 4;

    /// <summary>Default <see cref="EmailCandidateShare"/>: fewer email than push candidates; email is the slower channel.</summary>
    public const double DefaultEmailCandidateShare = 0.4;

    /// <summary>Default <see cref="InAppCandidateShare"/>: about half of what a session could show is an in-app card or banner, the rest pushes and emails the visit makes timely; three sessions in four then offer at least one in-app candidate.</summary>
    public const double DefaultInAppCandidateShare = 0.5;

    /// <summary>Default <see cref="RelevanceNoise"/>: the caller's relevance explains most but not all of the true taste (correlation about 0.8).</summary>
    public const double DefaultRelevanceNoise = 0.15;

    /// <summary>Default <see cref="TitlesPerCategory"/>: enough titles that deduplication by title rarely starves a category in half a year.</summary>
    public const int DefaultTitlesPerCategory = 2000;

    /// <summary>The most titles a category may have: the world keeps each title's id once drawn.</summary>
    public const int MaxTitlesPerCategory = 100_000;

    /// <summary>Default <see cref="DailyExpiryHours"/>: a daily message is stale by the next day's slot.</summary>
    public const double DefaultDailyExpiryHours = 24;

    /// <summary>Default <see cref="LaunchExpiryHours"/>: launch news stays news for a couple of days.</summary>
    public const double DefaultLaunchExpiryHours = 48;

    /// <summary>Default <see cref="SessionExpiryHours"/>: a message tied to a visit is only worth sending during or right after it.</summary>
    public const double DefaultSessionExpiryHours = 2;

    // ---- Response to a message --------------------------------------------------------------------------------

    /// <summary>Default <see cref="ClickGivenOpen"/>: half of the opens go on to the title page.</summary>
    public const double DefaultClickGivenOpen = 0.5;

    /// <summary>Largest <see cref="CatalogueCategory.CarryOver"/>: five times the attention of an ordinary category's open.</summary>
    public const double MaxCategoryCarryOver = 5;

    /// <summary>Default <see cref="PlayGivenClick"/>: most who reach the title page press play.</summary>
    public const double DefaultPlayGivenClick = 0.6;

    /// <summary>Default <see cref="SessionResponseMultiplier"/>: a member in the app notices a message more; modest, so timing is a second-order lever.</summary>
    public const double DefaultSessionResponseMultiplier = 1.2;

    /// <summary>Default <see cref="DismissBase"/>: some unopened messages are swiped away even by a rested member.</summary>
    public const double DefaultDismissBase = 0.15;

    /// <summary>Default <see cref="DismissFatigue"/>: a tired member dismisses many more; this is the fatigue signal the policy can observe.</summary>
    public const double DefaultDismissFatigue = 0.5;

    /// <summary>Default <see cref="AppealDrop"/>: right after a message of a category, a second one has 40% of the appeal.</summary>
    public const double DefaultAppealDrop = 0.6;

    /// <summary>Default <see cref="AppealRecoveryHours"/>: the fast policy's own recovery constant (BanditFeatures.RecoveryTime), so its "recovering" feature is the right shape.</summary>
    public const double DefaultAppealRecoveryHours = 72;

    // ---- Fatigue and opt-out ----------------------------------------------------------------------------------

    /// <summary>Default <see cref="FatigueHalfLifeDays"/>: a burst of messages is mostly forgiven after a week.</summary>
    public const double DefaultFatigueHalfLifeDays = 3.5;

    /// <summary>Default <see cref="FatiguePenaltyRate"/>: at three pushes a week (fatigue about 2) responses are about 17% below a rested member's.</summary>
    public const double DefaultFatiguePenaltyRate = 0.09;

    /// <summary>Default <see cref="CrossChannelFatigue"/>: many emails tire a member of pushes a little too, and the other way round.</summary>
    public const double DefaultCrossChannelFatigue = 0.3;

    /// <summary>Default <see cref="InAppFatigueWeight"/>: an in-app message shows inside the app, with no buzz or lock-screen interruption, so it tires about half as much as a push (the slow policy's in-app fatigue weight says the same).</summary>
    public const double DefaultInAppFatigueWeight = 0.5;

    /// <summary>Default <see cref="FatigueDrag"/>: a member buried in messages uses the service up to half as often; a flood (13 pushes and 6 emails a week) reaches about 40%, so flooding loses days for all but the most responsive casual viewers.</summary>
    public const double DefaultFatigueDrag = 0.5;

    /// <summary>Default <see cref="FatigueDragRate"/>: with median sensitivity the drag is about 1% at two messages a week (total fatigue 1.5), 7% at five (4) and 40% in a flood (13).</summary>
    public const double DefaultFatigueDragRate = 0.1;

    /// <summary>Default <see cref="PushOptOutHazard"/>: at two pushes a week about 0.2% of members a week turn push off (5% over half a year), at thirteen about 3% a week.</summary>
    public const double DefaultPushOptOutHazard = 0.0005;

    /// <summary>Default <see cref="EmailOptOutHazard"/>: about 0.1-0.2% of recipients unsubscribe per marketing email, more per message than push is turned off.</summary>
    public const double DefaultEmailOptOutHazard = 0.0012;

    /// <summary>Default <see cref="OptOutFatigueGrowth"/>: the hazard doubles every ~2.8 units of fatigue, so a flood (push fatigue near 9) opts out several percent a week.</summary>
    public const double DefaultOptOutFatigueGrowth = 0.25;

    /// <summary>Default <see cref="OptOutHazardCap"/>: even the most flooded member does not opt out on every message.</summary>
    public const double DefaultOptOutHazardCap = 0.2;

    // ---- Engagement -------------------------------------------------------------------------------------------

    /// <summary>Default <see cref="ImpactHalfLifeDays"/>: a reminder keeps a member in mind for a few days.</summary>
    public const double DefaultImpactHalfLifeDays = 2;

    /// <summary>Default <see cref="UpliftRate"/>: a recent impact of 0.23 (two or three typical messages in the last days) uses up half of a member's uplift ceiling, so returns diminish well within the grid.</summary>
    public const double DefaultUpliftRate = 3;

    /// <summary>Default <see cref="SessionMinutesMean"/>: about half an hour an active day, typical of streaming services.</summary>
    public const double DefaultSessionMinutesMean = 30;

    /// <summary>Default <see cref="PlayMinutesMean"/>: a played title is about an episode.</summary>
    public const double DefaultPlayMinutesMean = 45;

    // ---- Imported history and the oracle ----------------------------------------------------------------------

    /// <summary>Default <see cref="HistoryWeeks"/>: an import summarises about two months of history.</summary>
    public const int DefaultHistoryWeeks = 8;

    /// <summary>Default <see cref="HistoryPushPerWeekMax"/>: before the experiment members got up to six pushes a week, as <see cref="SyntheticPopulation"/> draws.</summary>
    public const double DefaultHistoryPushPerWeekMax = 6;

    /// <summary>Default <see cref="HistoryEmailPerWeekMax"/>: and up to three emails, as <see cref="SyntheticPopulation"/>.</summary>
    public const double DefaultHistoryEmailPerWeekMax = 3;

    /// <summary>Default <see cref="OptOutHorizonWeeks"/>: an opt-out costs the channel's best weekly uplift over about two months (a half-year experiment's remaining time, discounted).</summary>
    public const double DefaultOptOutHorizonWeeks = 8;

    /// <summary>Share of casual viewers; regular viewers make up the rest after heavy ones.</summary>
    public double CasualShare { get; set; } = DefaultCasualShare;

    /// <summary>Share of heavy viewers.</summary>
    public double HeavyShare { get; set; } = DefaultHeavyShare;

    /// <summary>Share of members who accept push at the start; the others never get a push.</summary>
    public double PushOptInShare { get; set; } = DefaultPushOptInShare;

    /// <summary>Share of members who accept email at the start.</summary>
    public double EmailOptInShare { get; set; } = DefaultEmailOptInShare;

    /// <summary>Lowest base daily activity probability (no messages, no fatigue) of a casual viewer.</summary>
    public double CasualActivityMin { get; set; } = DefaultCasualActivityMin;

    /// <summary>Highest base daily activity of a casual viewer, and the lowest of a regular one.</summary>
    public double CasualActivityMax { get; set; } = DefaultCasualActivityMax;

    /// <summary>Highest base daily activity of a regular viewer, and the lowest of a heavy one.</summary>
    public double RegularActivityMax { get; set; } = DefaultRegularActivityMax;

    /// <summary>Highest base daily activity of a heavy viewer.</summary>
    public double HeavyActivityMax { get; set; } = DefaultHeavyActivityMax;

    /// <summary>Population median of push responsiveness: the open probability of a perfectly liked, rested, unfatigued push.</summary>
    public double PushResponsivenessMedian { get; set; } = DefaultPushResponsivenessMedian;

    /// <summary>Population median of email responsiveness, likewise.</summary>
    public double EmailResponsivenessMedian { get; set; } = DefaultEmailResponsivenessMedian;

    /// <summary>
    /// Population median of in-app responsiveness: the open (tap) probability of a perfectly liked, rested, unfatigued
    /// in-app message, which a member sees only in an app session (so <see cref="SessionResponseMultiplier"/> is already in it).
    /// </summary>
    public double InAppResponsivenessMedian { get; set; } = DefaultInAppResponsivenessMedian;

    /// <summary>Standard deviation of responsiveness across members on the logit scale (channels drawn independently).</summary>
    public double ResponsivenessSpread { get; set; } = DefaultResponsivenessSpread;

    /// <summary>Multiplier of a casual viewer's responsiveness.</summary>
    public double CasualResponsivenessFactor { get; set; } = DefaultCasualResponsivenessFactor;

    /// <summary>Multiplier of a heavy viewer's responsiveness.</summary>
    public double HeavyResponsivenessFactor { get; set; } = DefaultHeavyResponsivenessFactor;

    /// <summary>Multiplier of a casual viewer's fatigue sensitivity.</summary>
    public double CasualFatigueFactor { get; set; } = DefaultCasualFatigueFactor;

    /// <summary>Multiplier of a heavy viewer's fatigue sensitivity.</summary>
    public double HeavyFatigueFactor { get; set; } = DefaultHeavyFatigueFactor;

    /// <summary>Mean weeks since joining of a casual viewer (exponential).</summary>
    public double CasualTenureWeeksMean { get; set; } = DefaultCasualTenureWeeksMean;

    /// <summary>Mean weeks since joining of a regular viewer.</summary>
    public double RegularTenureWeeksMean { get; set; } = DefaultRegularTenureWeeksMean;

    /// <summary>Mean weeks since joining of a heavy viewer.</summary>
    public double HeavyTenureWeeksMean { get; set; } = DefaultHeavyTenureWeeksMean;

    /// <summary>Standard deviation of a member's taste for a category around the category's median, on the logit scale.</summary>
    public double TasteSpread { get; set; } = DefaultTasteSpread;

    /// <summary>Population median of the uplift ceiling: the share of a member's idle days that messages win back at saturation.</summary>
    public double UpliftCeilingMedian { get; set; } = DefaultUpliftCeilingMedian;

    /// <summary>Standard deviation of the uplift ceiling across members on the logit scale.</summary>
    public double UpliftCeilingSpread { get; set; } = DefaultUpliftCeilingSpread;

    /// <summary>Log-normal sigma of fatigue sensitivity (median 1 before the cohort factor), which scales a member's fatigue penalty, drag and opt-out hazard.</summary>
    public double FatigueSensitivitySpread { get; set; } = DefaultFatigueSensitivitySpread;

    /// <summary>Earliest UTC hour of a member's daily slot (each member has a fixed hour).</summary>
    public int SlotEarliestHour { get; set; } = DefaultSlotEarliestHour;

    /// <summary>Latest UTC hour of a member's daily slot.</summary>
    public int SlotLatestHour { get; set; } = DefaultSlotLatestHour;

    /// <summary>Mean title launches per week, shared by all members (Poisson per day).</summary>
    public double LaunchesPerWeek { get; set; } = DefaultLaunchesPerWeek;

    /// <summary>Probability that an active day has a second app session.</summary>
    public double SecondSessionProbability { get; set; } = DefaultSecondSessionProbability;

    /// <summary>Earliest UTC hour of an app session.</summary>
    public int SessionEarliestHour { get; set; } = DefaultSessionEarliestHour;

    /// <summary>Latest UTC hour (exclusive) of an app session; at most 23 so that a session ends within its day.</summary>
    public int SessionLatestHour { get; set; } = DefaultSessionLatestHour;

    /// <summary>Fewest candidate messages an opportunity carries.</summary>
    public int MinCandidates { get; set; } = DefaultMinCandidates;

    /// <summary>Most candidate messages an opportunity carries.</summary>
    public int MaxCandidates { get; set; } = DefaultMaxCandidates;

    /// <summary>Share of candidates that are emails; the rest are pushes.</summary>
    public double EmailCandidateShare { get; set; } = DefaultEmailCandidateShare;

    /// <summary>
    /// Share of an app session's candidates that are in-app messages (each candidate independently); the others keep
    /// their push or email channel. Daily slots and launches never offer in-app: the member is not in the app then.
    /// </summary>
    public double InAppCandidateShare { get; set; } = DefaultInAppCandidateShare;

    /// <summary>Standard deviation of the noise between a member's true taste for a category and the relevance a candidate carries.</summary>
    public double RelevanceNoise { get; set; } = DefaultRelevanceNoise;

    /// <summary>Titles per category that daily and session candidates promote.</summary>
    public int TitlesPerCategory { get; set; } = DefaultTitlesPerCategory;

    /// <summary>Hours a daily-slot candidate stays valid.</summary>
    public double DailyExpiryHours { get; set; } = DefaultDailyExpiryHours;

    /// <summary>Hours a launch candidate stays valid.</summary>
    public double LaunchExpiryHours { get; set; } = DefaultLaunchExpiryHours;

    /// <summary>Hours a session candidate stays valid.</summary>
    public double SessionExpiryHours { get; set; } = DefaultSessionExpiryHours;

    /// <summary>Probability that an opened message is clicked.</summary>
    public double ClickGivenOpen { get; set; } = DefaultClickGivenOpen;

    /// <summary>Probability that a clicked message leads to a play, which makes the day an engaged one.</summary>
    public double PlayGivenClick { get; set; } = DefaultPlayGivenClick;

    /// <summary>Multiplier of the open probability of a message delivered at an app session.</summary>
    public double SessionResponseMultiplier { get; set; } = DefaultSessionResponseMultiplier;

    /// <summary>Probability that a rested member dismisses a message they did not open.</summary>
    public double DismissBase { get; set; } = DefaultDismissBase;

    /// <summary>Extra dismiss probability of an unopened message per unit of fatigue penalty (0 rested, 1 exhausted).</summary>
    public double DismissFatigue { get; set; } = DefaultDismissFatigue;

    /// <summary>d in the appeal multiplier 1 - d * exp(-hours since the category's last message / τ): how much a repeat loses.</summary>
    public double AppealDrop { get; set; } = DefaultAppealDrop;

    /// <summary>τ in the appeal multiplier, in hours: how fast a category's appeal recovers with rest.</summary>
    public double AppealRecoveryHours { get; set; } = DefaultAppealRecoveryHours;

    /// <summary>Half-life of a channel's fatigue in days; each message adds 1 and it decays exponentially.</summary>
    public double FatigueHalfLifeDays { get; set; } = DefaultFatigueHalfLifeDays;

    /// <summary>β in the fatigue penalty 1 - exp(-β * sensitivity * fatigue) that scales a message's response down.</summary>
    public double FatiguePenaltyRate { get; set; } = DefaultFatiguePenaltyRate;

    /// <summary>Share of the other channel's fatigue that counts toward a message's penalty.</summary>
    public double CrossChannelFatigue { get; set; } = DefaultCrossChannelFatigue;

    /// <summary>
    /// What one unit of in-app fatigue counts as in push and email terms: in the fatigue drag on activity, in the
    /// cross-channel share of a push or email's penalty, and added to the fatigue a push or email opt-out hazard grows
    /// with. In-app fatigue itself rises by 1 with each in-app message and decays with <see cref="FatigueHalfLifeDays"/>.
    /// </summary>
    public double InAppFatigueWeight { get; set; } = DefaultInAppFatigueWeight;

    /// <summary>Largest relative drop of daily activity that fatigue causes.</summary>
    public double FatigueDrag { get; set; } = DefaultFatigueDrag;

    /// <summary>
    /// Rate r of the drag <see cref="FatigueDrag"/> * (1 - exp(-(r * sensitivity * (push + email + w * in-app fatigue))^2)), w the
    /// <see cref="InAppFatigueWeight"/>. The square gives a
    /// tolerance, then a backlash: moderate volume barely drags, a flood does.
    /// </summary>
    public double FatigueDragRate { get; set; } = DefaultFatigueDragRate;

    /// <summary>Probability that a rested median member opts out of push on receiving one.</summary>
    public double PushOptOutHazard { get; set; } = DefaultPushOptOutHazard;

    /// <summary>Probability that a rested median member unsubscribes from email on receiving one.</summary>
    public double EmailOptOutHazard { get; set; } = DefaultEmailOptOutHazard;

    /// <summary>
    /// κ in the opt-out hazard base * sensitivity * exp(κ * (channel fatigue after the message + w * in-app fatigue)), w the
    /// <see cref="InAppFatigueWeight"/>. In-app itself cannot be turned off.
    /// </summary>
    public double OptOutFatigueGrowth { get; set; } = DefaultOptOutFatigueGrowth;

    /// <summary>Largest opt-out probability of a single message.</summary>
    public double OptOutHazardCap { get; set; } = DefaultOptOutHazardCap;

    /// <summary>Half-life in days of a message's impact, the recent relevance that lifts activity.</summary>
    public double ImpactHalfLifeDays { get; set; } = DefaultImpactHalfLifeDays;

    /// <summary>k in the uplift ceiling * (1 - exp(-k * impact)): how fast recent messages saturate the uplift.</summary>
    public double UpliftRate { get; set; } = DefaultUpliftRate;

    /// <summary>Mean minutes of an app session.</summary>
    public double SessionMinutesMean { get; set; } = DefaultSessionMinutesMean;

    /// <summary>Mean minutes of a play that a message led to.</summary>
    public double PlayMinutesMean { get; set; } = DefaultPlayMinutesMean;

    /// <summary>Weeks of history an imported member's features summarise.</summary>
    public int HistoryWeeks { get; set; } = DefaultHistoryWeeks;

    /// <summary>Most pushes a week a member got before the experiment (uniform from 0); sets the starting fatigue.</summary>
    public double HistoryPushPerWeekMax { get; set; } = DefaultHistoryPushPerWeekMax;

    /// <summary>Most emails a week a member got before the experiment.</summary>
    public double HistoryEmailPerWeekMax { get; set; } = DefaultHistoryEmailPerWeekMax;

    /// <summary>Weeks of a channel's best weekly uplift that the oracle charges for an opt-out of it.</summary>
    public double OptOutHorizonWeeks { get; set; } = DefaultOptOutHorizonWeeks;

    /// <summary>
    /// The catalogue's categories (8 to 64), with their share of candidates and median taste. Defaults: broad-appeal
    /// categories (continue watching, new releases, trending) are common and liked; genres are liked by their fans;
    /// promotions are disliked on average.
    /// </summary>
    public IList<CatalogueCategory> Categories { get; set; } = DefaultCategories();

    /// <summary>The default catalogue: twelve categories.</summary>
    public static List<CatalogueCategory> DefaultCategories() =>
    [
        CatalogueCategory.Of("new-release", 0.14, 0.5),
        CatalogueCategory.Of("continue-watching", 0.12, 0.65),
        CatalogueCategory.Of("trending", 0.12, 0.45),
        CatalogueCategory.Of("recommended", 0.12, 0.5),
        CatalogueCategory.Of("watchlist", 0.06, 0.6),
        CatalogueCategory.Of("genre-drama", 0.08, 0.4),
        CatalogueCategory.Of("genre-comedy", 0.08, 0.4),
        CatalogueCategory.Of("genre-thriller", 0.07, 0.35),
        CatalogueCategory.Of("genre-documentary", 0.05, 0.3),
        CatalogueCategory.Of("genre-kids", 0.05, 0.25),
        CatalogueCategory.Of("live-event", 0.05, 0.4),
        CatalogueCategory.Of("promotion", 0.06, 0.2),
    ];

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first field that is out of range.</summary>
    public void Validate()
    {
        Probability(CasualShare, nameof(CasualShare));
        Probability(HeavyShare, nameof(HeavyShare));
        if (CasualShare + HeavyShare > 1)
        {
            throw new ArgumentException($"{nameof(CasualShare)} ({CasualShare}) and {nameof(HeavyShare)} ({HeavyShare}) add up to more than 1.", nameof(CasualShare));
        }

        Probability(PushOptInShare, nameof(PushOptInShare));
        Probability(EmailOptInShare, nameof(EmailOptInShare));
        Probability(CasualActivityMin, nameof(CasualActivityMin));
        Ordered(CasualActivityMin, CasualActivityMax, nameof(CasualActivityMax));
        Ordered(CasualActivityMax, RegularActivityMax, nameof(RegularActivityMax));
        Ordered(RegularActivityMax, HeavyActivityMax, nameof(HeavyActivityMax));
        Probability(HeavyActivityMax, nameof(HeavyActivityMax));
        OpenUnit(PushResponsivenessMedian, nameof(PushResponsivenessMedian));
        OpenUnit(EmailResponsivenessMedian, nameof(EmailResponsivenessMedian));
        OpenUnit(InAppResponsivenessMedian, nameof(InAppResponsivenessMedian));
        NonNegative(ResponsivenessSpread, nameof(ResponsivenessSpread));
        Positive(CasualResponsivenessFactor, nameof(CasualResponsivenessFactor));
        Positive(HeavyResponsivenessFactor, nameof(HeavyResponsivenessFactor));
        Positive(CasualFatigueFactor, nameof(CasualFatigueFactor));
        Positive(HeavyFatigueFactor, nameof(HeavyFatigueFactor));
        Positive(CasualTenureWeeksMean, nameof(CasualTenureWeeksMean));
        Positive(RegularTenureWeeksMean, nameof(RegularTenureWeeksMean));
        Positive(HeavyTenureWeeksMean, nameof(HeavyTenureWeeksMean));
        NonNegative(TasteSpread, nameof(TasteSpread));
        OpenUnit(UpliftCeilingMedian, nameof(UpliftCeilingMedian));
        NonNegative(UpliftCeilingSpread, nameof(UpliftCeilingSpread));
        NonNegative(FatigueSensitivitySpread, nameof(FatigueSensitivitySpread));
        Hour(SlotEarliestHour, nameof(SlotEarliestHour));
        Hour(SlotLatestHour, nameof(SlotLatestHour));
        if (SlotLatestHour < SlotEarliestHour) Fail(nameof(SlotLatestHour), SlotLatestHour, $"must not be before {nameof(SlotEarliestHour)}");
        NonNegative(LaunchesPerWeek, nameof(LaunchesPerWeek));
        if (LaunchesPerWeek > 70) Fail(nameof(LaunchesPerWeek), LaunchesPerWeek, "must be at most 70 (ten a day)");
        Probability(SecondSessionProbability, nameof(SecondSessionProbability));
        Hour(SessionEarliestHour, nameof(SessionEarliestHour));
        Hour(SessionLatestHour, nameof(SessionLatestHour));
        if (SessionLatestHour <= SessionEarliestHour) Fail(nameof(SessionLatestHour), SessionLatestHour, $"must be after {nameof(SessionEarliestHour)}");
        if (MinCandidates < 1) Fail(nameof(MinCandidates), MinCandidates, "must be at least 1");
        if (MaxCandidates < MinCandidates || MaxCandidates > 200) Fail(nameof(MaxCandidates), MaxCandidates, $"must be in [{nameof(MinCandidates)}, 200]");
        Probability(EmailCandidateShare, nameof(EmailCandidateShare));
        Probability(InAppCandidateShare, nameof(InAppCandidateShare));
        NonNegative(RelevanceNoise, nameof(RelevanceNoise));
        if (TitlesPerCategory is < 1 or > MaxTitlesPerCategory) Fail(nameof(TitlesPerCategory), TitlesPerCategory, $"must be in [1, {MaxTitlesPerCategory}]");
        Positive(DailyExpiryHours, nameof(DailyExpiryHours));
        Positive(LaunchExpiryHours, nameof(LaunchExpiryHours));
        Positive(SessionExpiryHours, nameof(SessionExpiryHours));
        Probability(ClickGivenOpen, nameof(ClickGivenOpen));
        Probability(PlayGivenClick, nameof(PlayGivenClick));
        Positive(SessionResponseMultiplier, nameof(SessionResponseMultiplier));
        Probability(DismissBase, nameof(DismissBase));
        Probability(DismissFatigue, nameof(DismissFatigue));
        if (DismissBase + DismissFatigue > 1) Fail(nameof(DismissFatigue), DismissFatigue, $"and {nameof(DismissBase)} must add up to at most 1");
        Probability(AppealDrop, nameof(AppealDrop));
        Positive(AppealRecoveryHours, nameof(AppealRecoveryHours));
        Positive(FatigueHalfLifeDays, nameof(FatigueHalfLifeDays));
        NonNegative(FatiguePenaltyRate, nameof(FatiguePenaltyRate));
        Probability(CrossChannelFatigue, nameof(CrossChannelFatigue));
        NonNegative(InAppFatigueWeight, nameof(InAppFatigueWeight));
        if (InAppFatigueWeight > 5) Fail(nameof(InAppFatigueWeight), InAppFatigueWeight, "must be at most 5 (an in-app message tiring like five pushes)");
        Probability(FatigueDrag, nameof(FatigueDrag));
        NonNegative(FatigueDragRate, nameof(FatigueDragRate));
        Probability(PushOptOutHazard, nameof(PushOptOutHazard));
        Probability(EmailOptOutHazard, nameof(EmailOptOutHazard));
        NonNegative(OptOutFatigueGrowth, nameof(OptOutFatigueGrowth));
        if (OptOutFatigueGrowth > 5) Fail(nameof(OptOutFatigueGrowth), OptOutFatigueGrowth, "must be at most 5");
        Probability(OptOutHazardCap, nameof(OptOutHazardCap));
        Positive(ImpactHalfLifeDays, nameof(ImpactHalfLifeDays));
        NonNegative(UpliftRate, nameof(UpliftRate));
        Positive(SessionMinutesMean, nameof(SessionMinutesMean));
        Positive(PlayMinutesMean, nameof(PlayMinutesMean));
        if (HistoryWeeks < 1 || HistoryWeeks > 520) Fail(nameof(HistoryWeeks), HistoryWeeks, "must be in [1, 520]");
        NonNegative(HistoryPushPerWeekMax, nameof(HistoryPushPerWeekMax));
        NonNegative(HistoryEmailPerWeekMax, nameof(HistoryEmailPerWeekMax));
        NonNegative(OptOutHorizonWeeks, nameof(OptOutHorizonWeeks));
        ValidateCategories();
    }

    /// <summary>
    /// Reads options from a JSON file (camelCase names, comments allowed). Missing fields keep their defaults; a
    /// given <c>categories</c> list replaces the whole catalogue. Unknown fields are rejected with an
    /// <see cref="InvalidDataException"/> naming every one of them; out-of-range values with an
    /// <see cref="ArgumentException"/> from <see cref="Validate"/>.
    /// </summary>
    public static WorldOptions Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Reads options from JSON text, as <see cref="Load"/> does; <paramref name="source"/> names the text in errors.</summary>
    public static WorldOptions Parse(string json, string source = "world options")
    {
        ArgumentNullException.ThrowIfNull(json);
        WorldOptions? options;
        try
        {
            using (var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }))
            {
                var unknown = UnknownFields(document.RootElement);
                if (unknown.Count > 0)
                {
                    throw new InvalidDataException(
                        $"{source}: unknown field{(unknown.Count == 1 ? "" : "s")} {string.Join(", ", unknown.Select(f => $"'{f}'"))}. " +
                        $"Known fields: {string.Join(", ", KnownFields)}.");
                }
            }

            options = JsonSerializer.Deserialize<WorldOptions>(json, JsonOptions);
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{source}: {error.Message}", error);
        }

        if (options is null) throw new InvalidDataException($"{source}: the JSON is null; expected an object.");
        options.Validate();
        return options;
    }

    /// <summary>These options as JSON in the file format (camelCase, indented), e.g. to write a variant to edit.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        IndentSize = 2,
    };

    private static readonly string[] KnownFields = [.. typeof(WorldOptions).GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))];

    private static readonly string[] KnownCategoryFields = [.. typeof(CatalogueCategory).GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))];

    // Every unknown field at once, with its path (e.g. "categories[2].taste"), so one run reports them all.
    private static List<string> UnknownFields(JsonElement root)
    {
        var unknown = new List<string>();
        if (root.ValueKind != JsonValueKind.Object) return unknown;
        foreach (var property in root.EnumerateObject())
        {
            if (!KnownFields.Contains(property.Name, StringComparer.Ordinal))
            {
                unknown.Add(property.Name);
            }
            else if (property.Name == "categories" && property.Value.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var category in property.Value.EnumerateArray())
                {
                    if (category.ValueKind == JsonValueKind.Object)
                    {
                        unknown.AddRange(category.EnumerateObject().Where(p => !KnownCategoryFields.Contains(p.Name, StringComparer.Ordinal))
                            .Select(p => $"categories[{i}].{p.Name}"));
                    }

                    i++;
                }
            }
        }

        return unknown;
    }

    private void ValidateCategories()
    {
        if (Categories is null || Categories.Count < 8 || Categories.Count > 64)
        {
            throw new ArgumentException($"{nameof(Categories)} must list 8 to 64 categories; it has {Categories?.Count ?? 0}.", nameof(Categories));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Categories.Count; i++)
        {
            var category = Categories[i];
            var field = $"{nameof(Categories)}[{i}]";
            if (category is null) throw new ArgumentException($"{field} is null.", nameof(Categories));
            if (string.IsNullOrEmpty(category.Name) || category.Name.Length > 64 || !category.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                throw new ArgumentException($"{field}.{nameof(CatalogueCategory.Name)} '{category.Name}' must be 1 to 64 characters of [A-Za-z0-9._-].", nameof(Categories));
            }

            if (!names.Add(category.Name)) throw new ArgumentException($"{field}.{nameof(CatalogueCategory.Name)} '{category.Name}' appears twice.", nameof(Categories));
            if (!(category.Weight > 0) || double.IsInfinity(category.Weight))
            {
                throw new ArgumentException($"{field}.{nameof(CatalogueCategory.Weight)} ({category.Weight}) must be positive and finite.", nameof(Categories));
            }

            if (!(category.MeanTaste > 0 && category.MeanTaste < 1))
            {
                throw new ArgumentException($"{field}.{nameof(CatalogueCategory.MeanTaste)} ({category.MeanTaste}) must be in (0, 1).", nameof(Categories));
            }

            if (category.ClickGivenOpen is { } click && !(click >= 0 && click <= 1))
            {
                throw new ArgumentException($"{field}.{nameof(CatalogueCategory.ClickGivenOpen)} ({click}) must be in [0, 1].", nameof(Categories));
            }

            if (!(category.CarryOver >= 0 && category.CarryOver <= MaxCategoryCarryOver))
            {
                throw new ArgumentException($"{field}.{nameof(CatalogueCategory.CarryOver)} ({category.CarryOver}) must be in [0, {MaxCategoryCarryOver}].", nameof(Categories));
            }
        }
    }

    private static void Probability(double value, string name)
    {
        if (!(value >= 0 && value <= 1)) Fail(name, value, "must be in [0, 1]");
    }

    private static void OpenUnit(double value, string name)
    {
        if (!(value > 0 && value < 1)) Fail(name, value, "must be in (0, 1)");
    }

    private static void Ordered(double lower, double value, string name)
    {
        if (!(value > lower)) Fail(name, value, $"must be greater than the previous bound ({lower})");
    }

    private static void Positive(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value)) Fail(name, value, "must be positive and finite");
    }

    private static void NonNegative(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value)) Fail(name, value, "must be non-negative and finite");
    }

    private static void Hour(int value, string name)
    {
        if (value is < 0 or > 23) Fail(name, value, "must be an hour in [0, 23]");
    }

    private static void Fail(string name, object value, string rule) =>
        throw new ArgumentException($"{name} ({value}) {rule}.", name);
}
