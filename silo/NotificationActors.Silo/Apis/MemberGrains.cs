using NotificationActors.Abstractions.Members;

namespace NotificationActors.Silo.Apis;

/// <summary>
/// Member grain references for the API. <see cref="IGrainFactory"/>'s <c>GetGrain&lt;T&gt;(string)</c> resolves the
/// interface's grain type from its attributes on every call (2.5 us of a persisted decision's processor time in a
/// profile); the two types are read once, from the first reference, and every later reference is made from them.
/// </summary>
internal static class MemberGrains
{
    private static Types? s_types;

    public static IMemberGrain Get(IGrainFactory grains, string memberId)
    {
        if (s_types is { } types)
        {
            return (IMemberGrain)grains.GetGrain(GrainId.Create(types.Grain, memberId), types.Interface);
        }

        var member = grains.GetGrain<IMemberGrain>(memberId);
        var reference = (GrainReference)member;
        s_types = new Types(reference.GrainId.Type, reference.InterfaceType);
        return member;
    }

    // A class, so that a reader sees both types or neither.
    private sealed record Types(GrainType Grain, GrainInterfaceType Interface);
}
