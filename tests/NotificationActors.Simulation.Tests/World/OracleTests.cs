using NotificationActors.Abstractions.Members;
using NotificationActors.Policy.Actions;
using NotificationActors.Simulation.Population;
using NotificationActors.Simulation.World;
using Xunit.Abstractions;

namespace NotificationActors.Simulation.Tests.World;

public class OracleTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset FirstWeek = WorldDriver.Start(WorldDriver.Monday);

    [Fact]
    public void TheBestActionHasTheHighestValueOfTheGrid()
    {
        foreach (var seed in new[] { 41, 42, 43 })
        {
            var world = new SimulatedWorld(seed, null, 120);
            foreach (var member in world.Members)
            {
                // At the start, and again after two weeks of some plan, so the state is not only the initial one.
                foreach (var weekStart in new[] { FirstWeek, FirstWeek.AddDays(14) })
                {
                    if (weekStart > FirstWeek) WorldDriver.Weeks(member, WorldDriver.Monday, 2, member.Index % 14, member.Index % 7);
                    var oracle = member.Oracle(weekStart);

                    Assert.Equal(ActionGrid.Default.Count, oracle.Actions.Count);
                    Assert.All(oracle.Actions, a => Assert.True(a.Value <= oracle.Best.Value));
                    Assert.Equal(oracle.Actions.Max(a => a.Value), oracle.InAppCaps[0].Value);
                    Assert.All(oracle.Actions, a => Assert.True(oracle.Regret(a.Push, a.Email) >= 0));
                    Assert.Equal(oracle.Best, oracle.ValueOf(oracle.Best.Push, oracle.Best.Email, oracle.Best.InApp));
                    if (oracle.Best.InApp == 0) Assert.Equal(0, oracle.Regret(oracle.Best.Push, oracle.Best.Email));
                }
            }
        }
    }

    [Fact]
    public void AWeeksSummaryKeepsTheOraclesBestPlanAndBothRegrets()
    {
        var world = new SimulatedWorld(44, null, 120);
        foreach (var member in world.Members)
        {
            WorldDriver.Weeks(member, WorldDriver.Monday, 1, member.Index % 14, member.Index % 7);
            var weekStart = FirstWeek.AddDays(7);
            var oracle = member.Oracle(weekStart);
            var summary = WeekOracle.Summarise(member, member.StartState(weekStart));

            Assert.Equal(oracle.Best, summary.Best);
            foreach (var (push, email, inApp) in new[] { (0, 0, 0), (3, 1, 0), (member.Index % 14, member.Index % 7, member.Index % 5), (13, 6, 9) })
            {
                Assert.Equal(oracle.Regret(push, email, inApp), summary.Regret(member, push, email, inApp), 1e-9);
                Assert.Equal(oracle.Regret(push, email, inApp), summary.Regrets(member, push, email, inApp).Regret, 1e-9);
            }

            // Push and email regret is against the best plan without in-app messages, whatever the in-app cap's best.
            var gridBest = oracle.Actions.MaxBy(a => a.Value)!;
            Assert.Equal(gridBest.Value, summary.GridBest.Value, 1e-9);
            Assert.All(oracle.Actions, a => Assert.Equal(gridBest.Value - a.Value, summary.Regrets(member, a.Push, a.Email, member.Index % 5).GridRegret, 1e-9));
        }
    }

    [Fact]
    public void TheVectorisedKernelAgreesWithTheScalarOne()
    {
        var world = new SimulatedWorld(40, null, 150);
        foreach (var member in world.Members.Where(m => m.OptedIn.HasFlag(ChannelSet.Push | ChannelSet.Email)))
        {
            WorldDriver.Weeks(member, WorldDriver.Monday, 1, member.Index % 14, member.Index % 7);
            var weekStart = FirstWeek.AddDays(7);
            if (!member.OptedIn.HasFlag(ChannelSet.Push | ChannelSet.Email)) continue;
            var oracle = member.Oracle(weekStart);
            var start = member.StartState(weekStart);
            foreach (var action in oracle.Actions)
            {
                var scalar = member.Evaluate(start, action.Push, action.Email);
                Assert.Equal(scalar.EngagedDays, action.EngagedDays, 1e-9);
                Assert.Equal(scalar.PushOptOut, action.PushOptOut, 1e-9);
                Assert.Equal(scalar.EmailOptOut, action.EmailOptOut, 1e-9);
                Assert.Equal(scalar.QuietWeekAfter - member.Evaluate(start, 0, 0).QuietWeekAfter, action.CarryOver, 1e-9);
            }
        }
    }

    [Fact]
    public void TheInAppCapIsTheArgmaxOfTheOraclesOwnEvaluationForTheBestAction()
    {
        var world = new SimulatedWorld(38, null, 400);
        var caps = new List<int>();
        foreach (var member in world.Members)
        {
            // At the start, and after two weeks with in-app messages, so in-app fatigue is part of the state.
            foreach (var weekStart in new[] { FirstWeek, FirstWeek.AddDays(14) })
            {
                if (weekStart > FirstWeek) WorldDriver.Weeks(member, WorldDriver.Monday, 2, member.Index % 5, member.Index % 3, inApp: member.Index % 8);
                var oracle = member.Oracle(weekStart);
                var gridBest = oracle.Actions.First(a => a.Value == oracle.Actions.Max(b => b.Value));

                Assert.Equal(WeekOracle.MaxInApp + 1, oracle.InAppCaps.Count);
                Assert.Equal(gridBest, oracle.InAppCaps[0]);
                Assert.All(oracle.InAppCaps, (a, cap) => Assert.Equal((gridBest.Push, gridBest.Email, cap), (a.Push, a.Email, a.InApp)));
                Assert.Equal(oracle.InAppCaps.First(a => a.Value == oracle.InAppCaps.Max(b => b.Value)), oracle.Best);
                Assert.All(oracle.InAppCaps, a => Assert.Equal(a, oracle.ValueOf(a.Push, a.Email, a.InApp)));

                // More cap never shows fewer messages, and never more than the cap.
                Assert.All(oracle.InAppCaps.Zip(oracle.InAppCaps.Skip(1)), pair => Assert.True(pair.Second.InAppSends >= pair.First.InAppSends - 1e-12));
                Assert.All(oracle.InAppCaps, a => Assert.InRange(a.InAppSends, 0, a.InApp + 1e-9));
                caps.Add(oracle.Best.InApp);
            }
        }

        output.WriteLine($"in-app caps chosen: {string.Join(", ", caps.GroupBy(c => c).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}"))}");
        Assert.True(caps.Distinct().Count() >= 3, "the in-app cap differs across members and states");
    }

    [Fact]
    public void AWeeksInAppMessagesAreValuedAsShownSpreadOverTheWeeksSessions()
    {
        var world = new SimulatedWorld(39, null, 200);
        foreach (var member in world.Members.Where(m => m.OptedIn.HasFlag(ChannelSet.Push | ChannelSet.Email)))
        {
            var oracle = member.Oracle(FirstWeek);

            Assert.Equal(oracle.ValueOf(3, 1), oracle.ValueOfSent(3, 1, 0));
            Assert.Equal(oracle.Best.Value - oracle.ValueOfSent(3, 1, 4).Value, oracle.Regret(3, 1, 4));
            Assert.Equal(4, oracle.ValueOfSent(3, 1, 4).InAppSends, 1e-9);

            // At most one message a session: a week cannot show more than two a day.
            Assert.Equal(2 * 7, oracle.ValueOfSent(3, 1, 40).InAppSends, 1e-9);
            Assert.True(oracle.ValueOfSent(3, 1, 6).PushOptOut > oracle.ValueOfSent(3, 1, 2).PushOptOut);
        }
    }

    [Fact]
    public void TheVectorisedInAppKernelAgreesWithTheScalarOne()
    {
        var world = new SimulatedWorld(37, null, 150);
        foreach (var member in world.Members)
        {
            WorldDriver.Weeks(member, WorldDriver.Monday, 1, member.Index % 14, member.Index % 7, inApp: member.Index % 8);
            var weekStart = FirstWeek.AddDays(7);
            var oracle = member.Oracle(weekStart);
            var start = member.StartState(weekStart);
            var quietAfter = member.Evaluate(start, 0, 0).QuietWeekAfter;
            foreach (var action in oracle.InAppCaps)
            {
                var scalar = member.Evaluate(start, action.Push, action.Email, action.InApp);
                Assert.Equal(scalar.EngagedDays, action.EngagedDays, 1e-9);
                Assert.Equal(scalar.InAppSends, action.InAppSends, 1e-9);
                Assert.Equal(scalar.PushOptOut, action.PushOptOut, 1e-9);
                Assert.Equal(scalar.EmailOptOut, action.EmailOptOut, 1e-9);
                Assert.Equal(scalar.QuietWeekAfter - quietAfter, action.CarryOver, 1e-9);
            }
        }
    }

    [Fact]
    public void InAppMessagesRaiseTheOraclesPushAndEmailOptOutRisk()
    {
        var world = new SimulatedWorld(36, null, 300);
        var members = world.Members.Where(m => m.OptedIn.HasFlag(ChannelSet.Push | ChannelSet.Email)).ToList();
        foreach (var member in members)
        {
            var oracle = member.Oracle(FirstWeek);
            var (without, with) = (oracle.ValueOf(6, 3), oracle.ValueOf(6, 3, WeekOracle.MaxInApp));
            Assert.True(with.PushOptOut > without.PushOptOut, $"{member.MemberId}: push opt-out {without.PushOptOut} with none, {with.PushOptOut} with in-app");
            Assert.True(with.EmailOptOut > without.EmailOptOut, $"{member.MemberId}: email opt-out {without.EmailOptOut} with none, {with.EmailOptOut} with in-app");
        }
    }

    [Fact]
    public void ValuesAddUpAndStayInRange()
    {
        var world = new SimulatedWorld(44, null, 200);
        foreach (var member in world.Members)
        {
            var oracle = member.Oracle(FirstWeek);
            Assert.Equal(0, oracle.ValueOf(0, 0).CarryOver, 1e-12);
            Assert.Equal(0, oracle.ValueOf(0, 0).OptOutPenalty, 1e-12);
            foreach (var a in oracle.Actions)
            {
                Assert.InRange(a.EngagedDays, 0, 7);
                Assert.InRange(a.PushOptOut, 0, 1);
                Assert.InRange(a.EmailOptOut, 0, 1);
                Assert.Equal(a.EngagedDays + a.CarryOver - a.OptOutPenalty, a.Value, 1e-12);
                if (!member.IsOpen(MessageChannel.Push)) Assert.Equal(oracle.ValueOf(0, a.Email), a with { Push = 0 });
            }

            foreach (var a in oracle.InAppCaps)
            {
                Assert.InRange(a.EngagedDays, 0, 7);
                Assert.Equal(a.EngagedDays + a.CarryOver - a.OptOutPenalty, a.Value, 1e-12);
            }

            Assert.True(oracle.PushChannelValue >= 0 && oracle.EmailChannelValue >= 0);
            if (!member.IsOpen(MessageChannel.Push)) Assert.Equal(0, oracle.PushChannelValue);
        }
    }

    [Fact]
    public void AnyFrequencyCanBeValuedOnOrOffTheGrid()
    {
        var member = new SimulatedWorld(45, null, 10).Members.First(m => m.OptedIn.HasFlag(ChannelSet.Push | ChannelSet.Email));
        var oracle = member.Oracle(FirstWeek);

        Assert.Equal(oracle.Actions[ActionGrid.Default.IndexOf(4, 2)], oracle.ValueOf(4, 2));
        var off = oracle.ValueOf(20, 9);
        Assert.Equal((20, 9), (off.Push, off.Email));
        Assert.True(double.IsFinite(off.Value) && off.EngagedDays is >= 0 and <= 7);
        Assert.True(off.PushOptOut > oracle.ValueOf(13, 6).PushOptOut);

        // A coarser grid values its actions exactly as the default grid does.
        var coarse = member.Oracle(FirstWeek, new ActionGrid([0, 4, 8, 12], [0, 2, 4, 6]));
        Assert.Equal(16, coarse.Actions.Count);
        Assert.Equal(oracle.ValueOf(8, 4).EngagedDays, coarse.ValueOf(8, 4).EngagedDays);
        Assert.Throws<ArgumentOutOfRangeException>(() => oracle.ValueOf(-1, 0));
    }

    [Fact]
    public void SendingNothingIsNotOptimalForResponsiveMembers()
    {
        var world = new SimulatedWorld(46, null, 4000);
        var responsive = world.Members.Where(m => m.IsOpen(MessageChannel.Push) && m.Traits.PushResponsiveness >= 0.4
            && m.Traits.FatigueSensitivity <= 1 && m.Traits.Cohort != Cohort.Heavy).ToList();
        Assert.True(responsive.Count > 100);

        var regrets = new List<double>();
        foreach (var member in responsive)
        {
            var oracle = member.Oracle(FirstWeek);
            Assert.NotEqual((0, 0), (oracle.Best.Push, oracle.Best.Email));
            regrets.Add(oracle.Regret(0, 0));
        }

        Assert.True(regrets.Average() > 0.3, $"sending nothing costs responsive members {regrets.Average():F2} engaged days a week");
    }

    [Fact]
    public void TheMaximumPlanIsNotOptimalForFatigueProneMembers()
    {
        var world = new SimulatedWorld(47, null, 4000);
        var prone = world.Members.Where(m => m.Traits.FatigueSensitivity >= 1.8).ToList();
        Assert.True(prone.Count > 100);

        var regrets = new List<double>();
        foreach (var member in prone.Where(m => m.IsOpen(MessageChannel.Push)))
        {
            var oracle = member.Oracle(FirstWeek);
            Assert.True(oracle.Best.Push < ActionGrid.DefaultMaxPushPerWeek, $"{member.MemberId}: {oracle.Best}");
            Assert.True(oracle.Regret(ActionGrid.DefaultMaxPushPerWeek, ActionGrid.DefaultMaxEmailPerWeek) > 0, $"{member.MemberId}: {oracle.Best}");
            regrets.Add(oracle.Regret(ActionGrid.DefaultMaxPushPerWeek, ActionGrid.DefaultMaxEmailPerWeek));
        }

        Assert.True(regrets.Average() > 0.5, $"the maximum plan costs fatigue-prone members {regrets.Average():F2} engaged days a week");
    }

    [Fact]
    public void TheBestPlanVariesAcrossMembersAndCohorts()
    {
        var world = new SimulatedWorld(48, null, 6000);
        var best = world.Members.Select(m => (m.Traits.Cohort, Oracle: m.Oracle(FirstWeek), Member: m)).ToList();
        output.WriteLine("Oracle's best weekly plan by cohort (members with both channels open):");
        var means = new Dictionary<Cohort, (double Push, double Email, double Gain)>();
        foreach (var cohort in best.Where(b => b.Member.OptedIn.HasFlag(ChannelSet.Push | ChannelSet.Email)).GroupBy(b => b.Cohort).OrderBy(g => g.Key))
        {
            var push = cohort.Average(b => b.Oracle.Best.Push);
            var email = cohort.Average(b => b.Oracle.Best.Email);
            var gain = cohort.Average(b => b.Oracle.Best.Value - b.Oracle.ValueOf(0, 0).Value);
            means[cohort.Key] = (push, email, gain);
            output.WriteLine($"  {cohort.Key,-8} n={cohort.Count(),5}  push {push:F2} (sd {Sd(cohort.Select(b => (double)b.Oracle.Best.Push)):F2})  " +
                $"email {email:F2} (sd {Sd(cohort.Select(b => (double)b.Oracle.Best.Email)):F2})  none best {cohort.Count(b => b.Oracle.Best.Push + b.Oracle.Best.Email == 0) / (double)cohort.Count():P0}  " +
                $"max best {cohort.Count(b => b.Oracle.Best.Push == 13) / (double)cohort.Count():P0}  gain over none {gain:F2} days/week");
        }

        var distinct = best.Select(b => (b.Oracle.Best.Push, b.Oracle.Best.Email)).Distinct().Count();
        output.WriteLine($"  {distinct} distinct best actions among {best.Count} members");

        Assert.True(distinct >= 20, "not one constant plan");
        Assert.True(means[Cohort.Heavy].Push + means[Cohort.Heavy].Email < means[Cohort.Casual].Push + means[Cohort.Casual].Email, "heavy viewers need fewer messages");
        Assert.True(means[Cohort.Casual].Gain > means[Cohort.Regular].Gain && means[Cohort.Regular].Gain > means[Cohort.Heavy].Gain, "gains are largest for casual viewers");

        static double Sd(IEnumerable<double> values)
        {
            var list = values.ToList();
            var mean = list.Average();
            return Math.Sqrt(list.Average(v => (v - mean) * (v - mean)));
        }
    }

    [Fact]
    public void TheOraclesExpectedEngagedDaysMatchTheSimulatedWorld()
    {
        // The closed form against the realised world, for plans sent exactly as the oracle assumes.
        foreach (var (push, email) in new[] { (0, 0), (3, 1), (8, 3), (13, 6) })
        {
            var world = new SimulatedWorld(49, null, 3000);
            var expected = world.Members.Average(m => m.Oracle(FirstWeek).ValueOf(push, email).EngagedDays);
            var realised = world.Members.Average(m => (double)WorldDriver.ExactWeeks(world, m, WorldDriver.Monday, 1, push, email)[0]);
            output.WriteLine($"({push}, {email}): oracle {expected:F3}, simulated {realised:F3}");

            Assert.InRange(realised - expected, -0.06, 0.06);
        }
    }

    [Fact]
    public void TheOraclesInAppMessagesAndTheirCarryOverMatchTheSimulatedWorld()
    {
        // The week's in-app messages and the quiet week after it, closed form against the realised world, for in-app
        // messages paced over the sessions as the oracle assumes, with pushes and emails as the oracle sends them.
        foreach (var (push, email, cap) in new[] { (0, 0, 1), (0, 0, 3), (3, 1, 3), (3, 1, 7), (8, 3, 7) })
        {
            var world = new SimulatedWorld(50, null, 3000);
            var starts = world.Members.Select(m => m.StartState(FirstWeek)).ToList();
            var expected = world.Members.Select((m, i) => m.Evaluate(starts[i], push, email, cap)).ToList();
            var realised = world.Members.Select((m, i) => (
                Week: WorldDriver.ExactWeeks(world, m, WorldDriver.Monday, 1, push, email, cap, starts[i].Activity)[0],
                Shown: m.InAppSent,
                After: WorldDriver.ExactWeeks(world, m, WorldDriver.Monday.AddDays(7), 1, 0, 0)[0])).ToList();
            var (expectedShown, realisedShown) = (expected.Average(e => e.InAppSends), realised.Average(r => r.Shown));
            var (expectedAfter, realisedAfter) = (expected.Average(e => e.QuietWeekAfter), realised.Average(r => (double)r.After));
            output.WriteLine($"({push}, {email}, in-app {cap}): in-app shown oracle {expectedShown:F3}, simulated {realisedShown:F3}; " +
                $"week {expected.Average(e => e.EngagedDays):F3} / {realised.Average(r => r.Week):F3}; quiet week after oracle {expectedAfter:F3}, simulated {realisedAfter:F3}");

            // The closed form carries expected activity from day to day, not its spread, which pacing reacts to: it expects a
            // few percent more in-app messages than the world shows, most with a tight cap.
            Assert.InRange(realisedShown / expectedShown, 0.85, 1.03);
            Assert.InRange(realisedAfter - expectedAfter, -0.06, 0.06);
        }
    }
}
