namespace NotificationActors.Abstractions.Members;

/// <summary>Why a member grain refused a call (<see cref="MemberRequestRefusedException"/>); the HTTP API answers each with its own status.</summary>
public enum MemberRefusal
{
    /// <summary>A field is wrong (400).</summary>
    Invalid,

    /// <summary>A read or admin call named a member that has no stored state (404): reads never create members.</summary>
    UnknownMember,

    /// <summary>An opportunity id the member does not hold, for a week already closed (409): its first answer may have been forgotten, so a fresh decision could contradict it.</summary>
    OutsideReplayWindow,

    /// <summary>The member-week already holds its most opportunities (422): retrying cannot succeed before next week.</summary>
    OpportunityCapReached,

    /// <summary>The member holds the most entries a list allows (422), e.g. muted categories.</summary>
    ListFull,
}
