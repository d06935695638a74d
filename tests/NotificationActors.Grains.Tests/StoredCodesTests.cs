using NotificationActors.Abstractions.Members;
using NotificationActors.Grains.Members;
using NotificationActors.Grains.Members.Format;

namespace NotificationActors.Grains.Tests;

public sealed class StoredCodesTests
{
    [Fact]
    public void StoredCodesArePinnedAndRoundTripEveryValue()
    {
        // Stored state already holds these codes: they may never change, whatever order the enums take.
        Assert.Equal([0, 1, 2], new[] { MessageChannel.Push, MessageChannel.Email, MessageChannel.InApp }.Select(c => (int)StoredCodes.Of(c)));
        Assert.Equal([0, 1, 2], new[] { OpportunityType.Daily, OpportunityType.Launch, OpportunityType.Session }.Select(k => (int)StoredCodes.Of(k)));
        Assert.All(Enum.GetValues<MessageChannel>(), c => Assert.Equal(c, StoredCodes.Channel(StoredCodes.Of(c))));
        Assert.All(Enum.GetValues<OpportunityType>(), k => Assert.Equal(k, StoredCodes.Kind(StoredCodes.Of(k))));
        Assert.Throws<InvalidDataException>(() => StoredCodes.Channel(3));
    }
}
