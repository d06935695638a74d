using NotificationActors.Grains.Experiments;

namespace NotificationActors.Grains.Tests;

public sealed class MemberHashTests
{
    // Decisions seed their coin flips from the member and opportunity ids without joining them into a string; the
    // seeds must stay those of the joined string, or runs would stop reproducing the decisions of earlier versions.
    [Theory]
    [InlineData("member-1", "o-1")]
    [InlineData("", "")]
    [InlineData("sim-000026.3", "sim-000026.20270118.d0")]
    [InlineData("membre-é", "opportunité-ü")]
    public void TwoPartsHashAsTheirJoinWithABar(string first, string second)
    {
        Assert.Equal(MemberHash.Of($"{first}|{second}"), MemberHash.Of(first, second));
        Assert.Equal(MemberHash.Seed($"{first}|{second}"), MemberHash.Seed(first, second));
    }

    [Fact]
    public void PartsLongerThanTheStackBufferHashAsTheirJoin()
    {
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var first = new string((char)random.Next('a', 'z' + 1), random.Next(0, 400));
            var second = new string((char)random.Next(0x400, 0x4FF), random.Next(0, 200));
            Assert.Equal(MemberHash.Of($"{first}|{second}"), MemberHash.Of(first, second));
        }
    }
}
