using FsCheck.Xunit;
using NotificationActors.Policy.Actions;
using NotificationActors.Policy.Fast;
using NotificationActors.Policy.Pacing;
using NotificationActors.Policy.Tests.Support;

namespace NotificationActors.Policy.Tests.Pacing;

public class PacingPropertyTests
{
    private const int WeeksPerMember = 200;

    /// <summary>
    /// Expected weekly sends under uniform pacing match the plan: over 200 simulated weeks of Poisson opportunities
    /// (at least twice as many as the budget), the mean sends per channel are within 5% of the plan plus 0.1.
    /// </summary>
    [Property(MaxTest = 100)]
    public void ExpectedWeeklySendsUnderUniformPacingMatchThePlan(int seed)
    {
        var random = new Random(seed);
        var push = random.Next(0, 14);
        var email = random.Next(0, 7);
        var opportunitiesPerChannel = (2 * Math.Max(push, email)) + 3 + (random.NextDouble() * 20);
        var member = new MemberContext
        {
            Budget = new ChannelCounts(push, email, 0),
            PushRates = new OpportunityRates(opportunitiesPerChannel, 0, 0),
            EmailRates = new OpportunityRates(opportunitiesPerChannel, 0, 0),
        };

        // Each opportunity carries one candidate for one channel; the two channels' streams interleave.
        var simulator = new WeekSimulator();
        double pushSends = 0, emailSends = 0;
        for (var week = 0; week < WeeksPerMember; week++)
        {
            var sent = simulator.Run(member, random, 2 * opportunitiesPerChannel,
                (r, i) => [WeekSimulator.Message(r.Next(2) == 0 ? Channel.Push : Channel.Email, i)]);
            pushSends += sent.Push;
            emailSends += sent.Email;
        }

        AssertClose(push, pushSends / WeeksPerMember, "push");
        AssertClose(email, emailSends / WeeksPerMember, "email");

        static void AssertClose(int plan, double mean, string channel) =>
            Assert.True(Math.Abs(mean - plan) <= (0.05 * plan) + 0.1, $"{channel}: plan {plan}, mean weekly sends {mean:F3}");
    }

    /// <summary>
    /// Relevance-weighted pacing reshapes the budget without changing it: with each opportunity's best relevance drawn
    /// at random and the member's yardstick its true mean power, the mean weekly sends stay within 8% of the plan
    /// plus 0.15 (a little looser than uniform: the weight cap trims the rare outstanding message), while the
    /// messages sent score higher than the opportunities offered.
    /// </summary>
    [Property(MaxTest = 60)]
    public void ExpectedWeeklySendsUnderRelevanceWeightedPacingMatchThePlanAndFavourBetterMessages(int seed)
    {
        var random = new Random(seed);
        var push = random.Next(1, 14);
        var opportunities = (2 * push) + 3 + (random.NextDouble() * 20);
        var spread = 0.1 + (random.NextDouble() * 0.3);
        double Relevance(Random r) => Math.Clamp(0.5 + (spread * ((r.NextDouble() * 2) - 1)), 0, 1);
        var meanPower = Enumerable.Range(0, 100_000).Select(_ => Relevance(random)).Average(PacingGate.RelevancePower);
        var member = new MemberContext
        {
            Budget = new ChannelCounts(push, 0, 0),
            Pacing = PacingProfile.RelevanceWeighted,
            PushRates = new OpportunityRates(opportunities, 0, 0, meanPower),
        };

        var simulator = new WeekSimulator();
        double sends = 0, sentRelevance = 0, offeredRelevance = 0, offered = 0;
        for (var week = 0; week < WeeksPerMember; week++)
        {
            var sent = simulator.Run(member, random, opportunities, (r, i) =>
            {
                var relevance = Relevance(r);
                offeredRelevance += relevance;
                offered++;
                return [WeekSimulator.Message(Channel.Push, i, relevance)];
            });
            sends += sent.Push;
            sentRelevance += simulator.SentRelevance;
        }

        var mean = sends / WeeksPerMember;
        Assert.True(Math.Abs(mean - push) <= (0.08 * push) + 0.15, $"plan {push}, mean weekly sends {mean:F3}");
        Assert.True(sentRelevance / sends > offeredRelevance / offered, $"sent {sentRelevance / sends:F3} vs offered {offeredRelevance / offered:F3}");
    }

    [Fact]
    public void RelevanceWeightedPacingFavoursTheBetterMessageAndWeighsAllAlikeUntilItKnowsTheMember()
    {
        var gate = new PacingGate();
        var week = WeekSimulator.Week;
        var now = week.Start.AddDays(1);
        var known = new OpportunityRates(14, 0, 0, RelevanceScale: 0.25);

        var strong = gate.SendProbability(PacingProfile.RelevanceWeighted, 3, OpportunityKind.Daily, now, TimeSpan.Zero, week.End, known, bestScore: 0.8);
        var weak = gate.SendProbability(PacingProfile.RelevanceWeighted, 3, OpportunityKind.Daily, now, TimeSpan.Zero, week.End, known, bestScore: 0.2);
        var uniform = gate.SendProbability(PacingProfile.Uniform, 3, OpportunityKind.Daily, now, TimeSpan.Zero, week.End, known, bestScore: 0.8);
        var unknown = gate.SendProbability(PacingProfile.RelevanceWeighted, 3, OpportunityKind.Daily, now, TimeSpan.Zero, week.End, known with { RelevanceScale = 0 }, bestScore: 0.8);

        Assert.True(strong > uniform && uniform > weak, $"strong {strong}, uniform {uniform}, weak {weak}");
        Assert.Equal(uniform, unknown);

        // A message scoring nothing gets nothing, even in the week's last minute with nothing else to come.
        Assert.Equal(0, gate.SendProbability(PacingProfile.RelevanceWeighted, 3, OpportunityKind.Daily, week.End, TimeSpan.Zero, week.End, known, bestScore: 0));
    }

    /// <summary>Whatever the profile, the candidate mix and however wrong the expected opportunity rates, a week never exceeds the plan on any channel.</summary>
    [Property(MaxTest = 200)]
    public void AChannelsSendsNeverExceedThePlansBudget(int seed)
    {
        var random = new Random(seed);
        var member = new MemberContext
        {
            Budget = new ChannelCounts(random.Next(0, 14), random.Next(0, 7), random.Next(0, 8)),
            Pacing = (PacingProfile)random.Next(Enum.GetValues<PacingProfile>().Length),
            PushRates = new OpportunityRates(random.NextDouble() * 5, random.NextDouble(), random.NextDouble() * 5, random.NextDouble() * 0.5),
            EmailRates = new OpportunityRates(random.NextDouble() * 5, random.NextDouble(), random.NextDouble() * 5, random.NextDouble() * 0.5),
            InAppRates = new OpportunityRates(random.NextDouble() * 5, random.NextDouble(), random.NextDouble() * 5, random.NextDouble() * 0.5),
            TimeZone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York"),
        };
        var channels = new[] { Channel.Push, Channel.Email, Channel.InApp };

        var sent = new WeekSimulator().Run(member, random, opportunitiesPerWeek: 10 + (random.NextDouble() * 150),
            (r, i) => Enumerable.Range(0, r.Next(1, 6))
                .Select(k => WeekSimulator.Message(channels[r.Next(3)], (i * 10) + k, r.NextDouble(),
                    r.Next(20) == 0 ? MessagePriority.Transactional : MessagePriority.Normal))
                .ToArray(),
            r => (OpportunityKind)r.Next(3));

        Assert.True(sent.Push <= member.Budget.Push, $"push sent {sent.Push} over budget {member.Budget.Push} ({member.Pacing})");
        Assert.True(sent.Email <= member.Budget.Email, $"email sent {sent.Email} over budget {member.Budget.Email} ({member.Pacing})");
        Assert.True(sent.InApp <= member.Budget.InApp, $"in-app sent {sent.InApp} over budget {member.Budget.InApp} ({member.Pacing})");
    }

    /// <summary>In-app is paced like the other channels: with in-app candidates only at app sessions, the mean weekly in-app sends match the cap.</summary>
    [Property(MaxTest = 60)]
    public void ExpectedWeeklyInAppSendsMatchTheCap(int seed)
    {
        var random = new Random(seed);
        var cap = random.Next(0, 8);
        var sessions = (2 * cap) + 3 + (random.NextDouble() * 15);
        var member = new MemberContext
        {
            Budget = new ChannelCounts(0, 0, cap),
            InAppRates = new OpportunityRates(0, 0, sessions),
        };

        var simulator = new WeekSimulator();
        double inAppSends = 0;
        for (var week = 0; week < WeeksPerMember; week++)
        {
            inAppSends += simulator.Run(member, random, sessions, (_, i) => [WeekSimulator.Message(Channel.InApp, i)], _ => OpportunityKind.Session).InApp;
        }

        var mean = inAppSends / WeeksPerMember;
        Assert.True(Math.Abs(mean - cap) <= (0.05 * cap) + 0.1, $"cap {cap}, mean weekly in-app sends {mean:F3}");
    }

    [Theory]
    // Half the week left: 7 opportunities expected after this one, 2 messages left -> 2 / 8 at the mean,
    // 2 / (1 + 7 - sqrt 7) when hedging one standard deviation against fewer opportunities.
    [InlineData(0, 0.25)]
    [InlineData(1, 0.37353513372156461)]
    public void TheSendProbabilityIsBudgetLeftOverOpportunitiesLeft(double hedge, double expected)
    {
        var gate = new PacingGate(new PacingOptions { ScarcityHedge = hedge });
        var week = WeekSimulator.Week;
        var rates = new OpportunityRates(14, 0, 0);

        var p = gate.SendProbability(PacingProfile.Uniform, 2, OpportunityKind.Daily, week.Start.AddDays(3.5), TimeSpan.Zero, week.End, rates);

        Assert.Equal(expected, p, 12);
        Assert.Equal(0, gate.SendProbability(PacingProfile.Uniform, 0, OpportunityKind.Daily, week.Start, TimeSpan.Zero, week.End, rates));
        Assert.Equal(1, gate.SendProbability(PacingProfile.Uniform, 1, OpportunityKind.Daily, week.End.AddMinutes(-1), TimeSpan.Zero, week.End, rates), 2);
    }

    [Theory]
    [InlineData(PacingProfile.ActivityConditioned, OpportunityKind.Session, OpportunityKind.Daily)]
    [InlineData(PacingProfile.LaunchBurst, OpportunityKind.Launch, OpportunityKind.Daily)]
    public void ProfilesFavourTheirOpportunities(PacingProfile profile, OpportunityKind favoured, OpportunityKind other)
    {
        var gate = new PacingGate();
        var week = WeekSimulator.Week;
        var rates = new OpportunityRates(20, 2, 10);
        var now = week.Start.AddDays(1);

        var favouredP = gate.SendProbability(profile, 3, favoured, now, TimeSpan.Zero, week.End, rates);
        var otherP = gate.SendProbability(profile, 3, other, now, TimeSpan.Zero, week.End, rates);
        var uniformP = gate.SendProbability(PacingProfile.Uniform, 3, other, now, TimeSpan.Zero, week.End, rates);

        Assert.True(favouredP > otherP, $"{favoured} {favouredP} vs {other} {otherP}");
        Assert.True(otherP < uniformP, "the budget a profile gives its favourites comes from the others");
    }

    [Fact]
    public void DayOfWeekPacingSendsMoreOnHeavierLocalDays()
    {
        var gate = new PacingGate(new PacingOptions { DayOfWeekWeights = [1, 1, 1, 1, 1, 3, 1] });
        var week = WeekSimulator.Week;
        var rates = new OpportunityRates(7, 0, 0);

        // 23:30 UTC on Friday is already Saturday in Paris: the heavy day.
        var fridayNight = week.Start.AddDays(4).AddHours(23.5);
        var paris = TimeSpan.FromHours(1);

        Assert.True(
            gate.SendProbability(PacingProfile.DayOfWeek, 2, OpportunityKind.Daily, fridayNight, paris, week.End, rates)
            > gate.SendProbability(PacingProfile.DayOfWeek, 2, OpportunityKind.Daily, fridayNight, TimeSpan.Zero, week.End, rates));
    }
}
