using NotificationActors.Abstractions.Members;

namespace NotificationActors.FieldTrial.Trial;

/// <summary>What a policy did to a group of members in one seed, counted from the world's truth.</summary>
/// <param name="Members">Members in the group.</param>
/// <param name="EngagedDaysPerMemberWeek">Days with a visit, per member-week.</param>
/// <param name="OptOutsPerMember">Channels left, per member.</param>
/// <param name="OptOuts">Channels left per member, by channel.</param>
/// <param name="OptedOutShare">Share of members who left at least one channel.</param>
/// <param name="Sends">Messages sent per member-week by channel (in-app counted when sent, seen or not).</param>
/// <param name="InAppWastedShare">Share of in-app sends never seen.</param>
internal sealed record PolicyMetrics(int Members, double EngagedDaysPerMemberWeek, double OptOutsPerMember, ChannelRates OptOuts, double OptedOutShare, ChannelRates Sends, double InAppWastedShare)
{
    /// <summary>Engaged days per member-week less opt-outs per member: the trial's one number.</summary>
    public double Utility => EngagedDaysPerMemberWeek - OptOutsPerMember;

    public static PolicyMetrics Of(IReadOnlyCollection<Participant> participants, int weeks)
    {
        var members = participants.Count;
        var memberWeeks = (double)members * weeks;
        double PerMemberWeek(MessageChannel channel) => participants.Sum(p => p.Sends(channel)) / memberWeeks;
        double LeftPerMember(MessageChannel channel) => participants.Sum(p => p.OptOutsOf(channel)) / (double)members;
        var inApp = participants.Sum(p => p.Sends(MessageChannel.InApp));
        return new PolicyMetrics(
            members,
            participants.Sum(p => p.EngagedDays) / memberWeeks,
            participants.Sum(p => p.OptOuts) / (double)members,
            new ChannelRates(LeftPerMember(MessageChannel.Push), LeftPerMember(MessageChannel.Email), LeftPerMember(MessageChannel.InApp)),
            participants.Count(p => p.OptOuts > 0) / (double)members,
            new ChannelRates(PerMemberWeek(MessageChannel.Push), PerMemberWeek(MessageChannel.Email), PerMemberWeek(MessageChannel.InApp)),
            inApp == 0 ? 0 : participants.Sum(p => p.InAppWasted) / (double)inApp);
    }
}
