using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace NotificationActors.Dashboard.Tests;

/// <summary>
/// Members at the end of their week through a silo's own HTTP API, so pacing sends what budget is left and the pages have
/// sends to show.
/// </summary>
internal static class EndOfWeekTraffic
{
    /// <summary>
    /// Host arguments for a silo that takes this traffic: it accepts times within its TimeWindow of its clock (two days by
    /// default), and early in the week the week's end lies up to seven days ahead.
    /// </summary>
    public static readonly string[] HostArgs = ["--NotificationActors:Members:TimeWindow=8.00:00:00"];

    /// <summary>One opportunity, a push and an email candidate, for each of <paramref name="members"/> members named <paramref name="prefix"/>-0, -1, ...</summary>
    public static async Task DriveAsync(string silo, string prefix, int members, string? apiKey = null)
    {
        using var http = new HttpClient { BaseAddress = new Uri(silo) };
        if (apiKey is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        var today = DateTime.UtcNow.Date;
        var endOfWeek = today.AddDays(7 - (((int)today.DayOfWeek + 6) % 7)).AddMinutes(-5).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        for (var member = 0; member < members; member++)
        {
            var body = $$"""{"opportunityId":"o-1","time":"{{endOfWeek}}","candidates":[{"messageId":"p-1","channel":"push","relevance":0.7},{"messageId":"e-1","channel":"email","relevance":0.3}]}""";
            using var response = await http.PostAsync(new Uri($"/v1/members/{prefix}-{member}/opportunities", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
            response.EnsureSuccessStatusCode();
        }
    }
}
