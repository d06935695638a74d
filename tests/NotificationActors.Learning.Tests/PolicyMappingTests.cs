using NotificationActors.Abstractions.Members;
using NotificationActors.Learning.Contracts;

namespace NotificationActors.Learning.Tests;

public sealed class PolicyMappingTests
{
    [Fact]
    public void EveryContractValueMapsToThePolicyValueOfTheSameName()
    {
        Assert.All(Enum.GetValues<MessageChannel>(), c => Assert.Equal(c.ToString(), c.ToPolicy().ToString()));
        Assert.All(Enum.GetValues<OpportunityType>(), k => Assert.Equal(k.ToString(), k.ToPolicy().ToString()));
    }
}
