namespace NotificationActors.Abstractions.Members;

/// <summary>
/// Why a member grain refused a call (<see cref="MemberRequestRefusedException"/>); the HTTP API answers each with its
/// own status. The values cross the Orleans gateway and are fixed; a call refused for several reasons reports the
/// lowest (a bad field before a full list).
/// </summary>
public enum MemberRefusal
{
    /// <summary>A field is wrong (400).</summary>
    Invalid = 0,

    /// <summary>A read or admin call named a member that has no stored state (404): reads never create members.</summary>
    UnknownMember = 1,

    /// <summary>An opportunity id the member does not hold, for a week already closed (409): its first answer may have been forgotten, so a fresh decision could contradict it.</summary>
    OutsideReplayWindow = 2,

    /// <summary>The member-week already holds its most opportunities (422): retrying cannot succeed before next week.</summary>
    OpportunityCapReached = 3,

    /// <summary>The member holds the most entries a list allows (422), e.g. muted categories.</summary>
    ListFull = 4,
}
