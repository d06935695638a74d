using System.Globalization;
using NotificationActors.FieldTrial.Trial;
using NotificationActors.FieldTrial.World;

namespace NotificationActors.FieldTrial.Silo;

/// <summary>
/// The silo's copy of the world: members set up once, then one <c>POST /v1/members/{id}/traffic</c> per member-day
/// with yesterday's feedback and activity and today's opportunities, the silo's decisions delivered into the world,
/// the plan audited at each week's end and the silo's clock moved a day after every member's call of the day.
/// </summary>
internal sealed class SiloArm
{
    public const string Name = "silo";

    private readonly SiloApi _api;
    private readonly Population _population;
    private readonly int _concurrency;

    public SiloArm(SiloApi api, Population population, int concurrency)
    {
        _api = api;
        _population = population;
        _concurrency = concurrency;
        Participants = population.Members
            .Select(m => new Participant(population.Spawn(m), string.Create(CultureInfo.InvariantCulture, $"ft-s{population.Seed}-m{m.Index}")))
            .ToArray();
    }

    public IReadOnlyList<Participant> Participants { get; }

    public BudgetAudit Audit { get; } = new();

    /// <summary>00:00 UTC of day 0, a Monday, on the silo's clock.</summary>
    public DateTimeOffset Origin { get; private set; }

    /// <summary>Moves the silo's clock to the next Monday's midnight (day 0) and sets up every member there.</summary>
    /// <param name="forgetFirst">Forget what the silo holds about the members first (a silo that may have met them before).</param>
    /// <param name="cancellationToken">Stops the trial.</param>
    public async Task StartAsync(bool forgetFirst, CancellationToken cancellationToken)
    {
        var now = await _api.MoveClockAsync(new ClockMove(AdvanceBy: "PT0S"), cancellationToken);
        Origin = await _api.MoveClockAsync(new ClockMove(To: NextMonday(now)), cancellationToken);
        await ForEachAsync(async (participant, token) =>
        {
            if (forgetFirst) await _api.ForgetAsync(participant.MemberId, token);

            // Features before preferences: the call that first activates a member plans its week, from what it knows then.
            await _api.SetFeaturesAsync(participant.MemberId, ApiMapping.Features(participant.World.Traits), token);
            await _api.SetPreferencesAsync(participant.MemberId, ApiMapping.Preferences(), token);
        }, cancellationToken);
    }

    /// <summary>Every member's call of <paramref name="day"/>; the silo's sends are lived by the members.</summary>
    public Task LiveDayAsync(int day, CancellationToken cancellationToken) => ForEachAsync(async (participant, token) =>
    {
        var yesterday = participant.TakeYesterday();
        var today = _population.Opportunities(participant.World.Traits, day);
        var receipt = await _api.ApplyTrafficAsync(participant.MemberId, ApiMapping.Traffic(participant.MemberId, yesterday, today, Origin), token);
        var sends = new List<Send>();
        foreach (var decision in receipt.Decisions.Where(d => d.Send))
        {
            var opportunity = today.SingleOrDefault(o => o.Id == decision.OpportunityId)
                ?? throw new SiloCallException($"The silo decided opportunity '{decision.OpportunityId}' for {participant.MemberId}, which was not offered on day {day}.");
            var message = opportunity.Candidates.SingleOrDefault(c => c.MessageId == decision.MessageId)
                ?? throw new SiloCallException($"The silo sent '{decision.MessageId}' at '{decision.OpportunityId}', which was not a candidate there.");
            sends.Add(new Send(opportunity, message));
        }

        participant.Live(day, sends);
    }, cancellationToken);

    /// <summary>At the end of a week, before the clock enters the next: each member's plan against the week's decisions.</summary>
    public Task AuditWeekAsync(CancellationToken cancellationToken) => ForEachAsync(async (participant, token) =>
    {
        Audit.Check(await _api.GetPlanAsync(participant.MemberId, token), participant);
        participant.StartWeek();
    }, cancellationToken);

    /// <summary>Moves the silo's clock to the next day's midnight; weekly reminders due by then fire.</summary>
    public async Task EndDayAsync(int day, CancellationToken cancellationToken)
    {
        var expected = Origin + TimeSpan.FromDays(day + 1);
        var now = await _api.MoveClockAsync(new ClockMove(AdvanceBy: "P1D"), cancellationToken);
        if (now != expected)
        {
            throw new SiloCallException($"The silo's clock reads {now:O} after day {day}, not {expected:O}: something else is moving it.");
        }
    }

    // The first Monday midnight at or after `now`.
    private static DateTimeOffset NextMonday(DateTimeOffset now)
    {
        var midnight = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var monday = midnight.AddDays(((int)DayOfWeek.Monday - (int)midnight.DayOfWeek + 7) % 7);
        return monday < now ? monday.AddDays(7) : monday;
    }

    private Task ForEachAsync(Func<Participant, CancellationToken, ValueTask> body, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(Participants, new ParallelOptions { MaxDegreeOfParallelism = _concurrency, CancellationToken = cancellationToken }, body);
}
