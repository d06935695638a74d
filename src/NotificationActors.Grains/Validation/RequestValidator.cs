using System.Buffers;
using System.Globalization;
using NotificationActors.Abstractions.Members;

namespace NotificationActors.Grains.Validation;

/// <summary>
/// The checks of docs/api.md on every request, naming each bad field by its JSON path. The HTTP API answers 400 with
/// them before anything changes; the grain runs them again for .NET callers and refuses the call the same way.
/// </summary>
public static class RequestValidator
{
    /// <summary>Most candidates in one opportunity (docs/api.md).</summary>
    public const int MaxCandidates = 200;

    /// <summary>Most muted categories and imported features a member may have.</summary>
    public const int MaxListEntries = 256;

    public static Dictionary<string, string[]> MemberId(string? memberId) => Check(memberId, CheckMemberId);

    private static void CheckMemberId(Errors errors, string? memberId)
    {
        if (MemberIds.Problem(memberId) is { } problem) errors.Add("memberId", problem);
    }

    public static Dictionary<string, string[]> Opportunity(SendOpportunity? opportunity) => Check(opportunity, CheckOpportunity);

    private static void CheckOpportunity(Errors errors, SendOpportunity? opportunity)
    {
        if (opportunity is null)
        {
            errors.Add("body", "An opportunity is required.");
            return;
        }

        errors.Id("opportunityId", opportunity.OpportunityId);
        errors.Time("time", opportunity.Time);
        errors.Defined("kind", opportunity.Kind);
        if (opportunity.Candidates is null || opportunity.Candidates.Count == 0)
        {
            errors.Add("candidates", "At least one candidate is required.");
            return;
        }

        if (opportunity.Candidates.Count > MaxCandidates)
        {
            errors.Add("candidates", $"{opportunity.Candidates.Count} candidates; at most {MaxCandidates} are allowed.");
        }

        for (var i = 0; i < opportunity.Candidates.Count; i++)
        {
            errors.Within("candidates", i);
            var candidate = opportunity.Candidates[i];
            if (candidate is null)
            {
                errors.Add("", "A candidate is required.");
                continue;
            }

            errors.Id("messageId", candidate.MessageId);
            if (candidate.MessageId is not null && AppearsBefore(opportunity.Candidates, i))
            {
                errors.Add("messageId", $"'{candidate.MessageId}' appears more than once in this request.");
            }

            errors.Defined("channel", candidate.Channel);
            errors.Defined("priority", candidate.Priority);
            // An explicit JSON null (omitting the field gives the empty category).
            if (candidate.Category is null) errors.Add("category", "Must be a string; omit it for none.");
            errors.Text("category", candidate.Category, required: false);
            if (candidate.TitleId is not null) errors.Id("titleId", candidate.TitleId);
            if (candidate.Relevance is { } relevance && !(relevance >= 0 && relevance <= 1))
            {
                errors.Add("relevance", $"{relevance.ToString(CultureInfo.InvariantCulture)} is not in [0, 1].");
            }

            if (candidate.ExpiresAt is { } expires) errors.Time("expiresAt", expires);
        }

        errors.Within(null, 0);
    }

    public static Dictionary<string, string[]> Feedback(FeedbackEvent? feedback) => Check(feedback, CheckFeedback);

    private static void CheckFeedback(Errors errors, FeedbackEvent? feedback)
    {
        if (feedback is null)
        {
            errors.Add("body", "A feedback event is required.");
            return;
        }

        errors.Id("eventId", feedback.EventId);
        errors.Time("time", feedback.Time);
        errors.Defined("type", feedback.Type);
        if (feedback.MessageId is not null) errors.Id("messageId", feedback.MessageId);
        if (feedback.Channel is { } channel) errors.Defined("channel", channel);
        if (feedback.Category is not null) errors.Text("category", feedback.Category, required: true);
        if (feedback.Type == FeedbackType.OptedOut && feedback.Channel is null)
        {
            errors.Add("channel", "An opted-out event must name the channel turned off.");
        }

        if (feedback.Type == FeedbackType.Unsubscribed && feedback.Channel is null && feedback.Category is null)
        {
            errors.Add("category", "An unsubscribed event must name a category to mute or a channel to turn off.");
        }
    }

    public static Dictionary<string, string[]> Activity(ActivityEvent? activity) => Check(activity, CheckActivity);

    private static void CheckActivity(Errors errors, ActivityEvent? activity)
    {
        if (activity is null)
        {
            errors.Add("body", "An activity event is required.");
            return;
        }

        errors.Id("eventId", activity.EventId);
        errors.Time("time", activity.Time);
        errors.Defined("type", activity.Type);
        if (!(activity.Minutes >= 0 && activity.Minutes <= 24 * 60))
        {
            errors.Add("minutes", $"{activity.Minutes.ToString(CultureInfo.InvariantCulture)} is not between 0 and 1440.");
        }
    }

    /// <summary>Most items (feedback, activity and opportunities together) in one <see cref="MemberTraffic"/>.</summary>
    public const int MaxTrafficItems = 1_000;

    /// <summary>Every item of a traffic batch, each error keyed by the item, e.g. <c>opportunities[2].time</c>.</summary>
    public static Dictionary<string, string[]> Traffic(MemberTraffic? traffic) => Check(traffic, CheckTraffic);

    private static void CheckTraffic(Errors errors, MemberTraffic? traffic)
    {
        if (traffic is null || traffic.Feedback is null || traffic.Activity is null || traffic.Opportunities is null)
        {
            errors.Add("body", "Traffic with feedback, activity and opportunities lists is required.");
            return;
        }

        var items = traffic.Feedback.Count + traffic.Activity.Count + traffic.Opportunities.Count;
        if (items > MaxTrafficItems)
        {
            errors.Add("body", $"{items} items; at most {MaxTrafficItems} in one call.");
            return;
        }

        Items("feedback", traffic.Feedback, CheckFeedback);
        Items("activity", traffic.Activity, CheckActivity);
        Items("opportunities", traffic.Opportunities, CheckOpportunity);

        void Items<T>(string list, IReadOnlyList<T> entries, Action<Errors, T> check)
        {
            for (var i = 0; i < entries.Count; i++)
            {
                errors.Scope(list, i);
                check(errors, entries[i]);
            }

            errors.Scope(null, 0);
        }
    }

    public static Dictionary<string, string[]> Preferences(MemberPreferences? preferences) => Check(preferences, CheckPreferences);

    private static void CheckPreferences(Errors errors, MemberPreferences? preferences)
    {
        if (preferences is null)
        {
            errors.Add("body", "Preferences are required.");
            return;
        }

        if (!IsIanaZone(preferences.TimeZone))
        {
            errors.Add("timeZone", $"'{preferences.TimeZone}' is not an IANA time zone such as Europe/Paris.");
        }

        if (preferences.Channels is null) errors.Add("channels", "Channels are required.");
        if (preferences.MutedCategories is null)
        {
            errors.Add("mutedCategories", "Muted categories are required (an empty list for none).");
        }
        else
        {
            if (preferences.MutedCategories.Count > MaxListEntries) errors.Add("mutedCategories", $"At most {MaxListEntries} categories.");
            for (var i = 0; i < preferences.MutedCategories.Count; i++)
            {
                errors.Text(string.Create(CultureInfo.InvariantCulture, $"mutedCategories[{i}]"), preferences.MutedCategories[i], required: true);
            }
        }

        if (preferences.QuietHours is { } quiet)
        {
            errors.ClockTime("quietHours.start", quiet.Start);
            errors.ClockTime("quietHours.end", quiet.End);
            // Equal ends would mean no quiet hours or all of them, depending on reading: neither is what anyone sends.
            if (quiet.Start is not null && quiet.Start == quiet.End) errors.Add("quietHours.end", $"'{quiet.End}' equals the start; omit quietHours for none.");
        }
    }

    public static Dictionary<string, string[]> Features(IReadOnlyDictionary<string, double>? features) => Check(features, CheckFeatures);

    private static void CheckFeatures(Errors errors, IReadOnlyDictionary<string, double>? features)
    {
        if (features is null)
        {
            errors.Add("features", "Features are required.");
            return;
        }

        if (features.Count > MaxListEntries) errors.Add("features", $"At most {MaxListEntries} features.");
        foreach (var (name, value) in features)
        {
            if (!IsWord(name, FeatureNameCharacters, 64)) errors.Add($"features.{name}", "Feature names are 1..64 letters, digits, '.', '_' or '-'.");
            if (!double.IsFinite(value)) errors.Add($"features.{name}", "The value must be a finite number.");
        }
    }

    // An IANA id the CLDR knows (Etc/UTC, Europe/Paris, US/Pacific): the system's tz database also opens files that
    // are no zone a member lives in (posixrules, localtime, Factory, right/... and posix/... copies).
    private static bool IsIanaZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _) && TimeZoneInfo.TryConvertIanaIdToWindowsId(id, out _);

    // A scan rather than a set: a request holds a handful of candidates (at most 200), and this runs on every decision.
    private static bool AppearsBefore(IReadOnlyList<CandidateMessage> candidates, int index)
    {
        for (var j = 0; j < index; j++)
        {
            if (string.Equals(candidates[j]?.MessageId, candidates[index].MessageId, StringComparison.Ordinal)) return true;
        }

        return false;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> listing what is wrong with <paramref name="traffic"/>, if anything: the grain's guard, which builds no error map for a valid batch.</summary>
    public static void ThrowIfInvalid(MemberTraffic? traffic)
    {
        // Every member-day call checks its batch: a valid one hands the thread's collector back for the next.
        var errors = _spare ?? new Errors();
        _spare = null;
        CheckTraffic(errors, traffic);
        if (errors.Any) ThrowIfInvalid(errors.ToDictionary(), "traffic");
        errors.Reset();
        _spare = errors;
    }

    [ThreadStatic]
    private static Errors? _spare;

    private static Dictionary<string, string[]> Check<T>(T value, Action<Errors, T> check) => Collect(value, check).ToDictionary();

    // One collector per request, however many items it holds: a valid request allocates no error.
    private static Errors Collect<T>(T value, Action<Errors, T> check)
    {
        var errors = new Errors();
        check(errors, value);
        return errors;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> listing the errors, if any.</summary>
    public static void ThrowIfInvalid(Dictionary<string, string[]> errors, string what)
    {
        if (errors.Count > 0)
        {
            throw Refused(MemberRefusal.Invalid, $"Invalid {what}", errors);
        }
    }

    /// <summary>The refusal a grain throws: its message lists every field, so a caller reading only the message learns all.</summary>
    public static MemberRequestRefusedException Refused(MemberRefusal refusal, string what, IReadOnlyDictionary<string, string[]> errors) =>
        new(refusal, $"{what}: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")), errors);

    // Ids and feature names are checked on every call: a scan of allowed characters allocates nothing, where a regex
    // match took a runner (and its arrays) whenever concurrent calls found the cached one busy. Ids use MemberIds' set.
    private static readonly SearchValues<char> FeatureNameCharacters = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");

    // 1..maxLength characters, all of them allowed.
    private static bool IsWord(string? value, SearchValues<char> allowed, int maxLength) =>
        value is { Length: > 0 } && value.Length <= maxLength && !value.AsSpan().ContainsAnyExcept(allowed);

    private sealed class Errors
    {
        // Made on the first error: valid requests, nearly all of them, allocate none.
        private Dictionary<string, List<string>>? _errors;

        private string? _scope;
        private int _scopeIndex;
        private string? _list;
        private int _index;

        public bool Any => _errors is not null;

        /// <summary>Ready for another request (only after one without errors).</summary>
        public void Reset() => (_scope, _scopeIndex, _list, _index) = (null, 0, null, 0);

        /// <summary>Keys later errors by an item of a request's list, e.g. opportunities[1].time (a traffic batch's items).</summary>
        public void Scope(string? list, int index) => (_scope, _scopeIndex) = (list, index);

        /// <summary>Keys later errors by an item of a list inside the scope, e.g. candidates[2].messageId (built only when an error is added).</summary>
        public void Within(string? list, int index) => (_list, _index) = (list, index);

        public void Add(string field, string message)
        {
            var key = Join(Join(_scope is null ? "" : Item(_scope, _scopeIndex), _list is null ? "" : Item(_list, _index)), field);
            _errors ??= new(StringComparer.Ordinal);
            if (!_errors.TryGetValue(key, out var list)) _errors[key] = list = [];
            list.Add(message);
        }

        public void Id(string field, string? value)
        {
            if (!IsWord(value, MemberIds.IdCharacters, MemberIds.MaxLength))
            {
                Add(field, value is null ? "Required." : $"'{Truncate(value)}' is not 1..128 characters of [A-Za-z0-9._:-].");
            }
        }

        public void Text(string field, string? value, bool required)
        {
            if (string.IsNullOrEmpty(value))
            {
                if (required) Add(field, "Required.");
                return;
            }

            if (value.Length > 128) Add(field, "At most 128 characters.");
        }

        public void Time(string field, DateTimeOffset value)
        {
            if (value == default) Add(field, "Required: an RFC 3339 UTC time such as 2026-11-23T18:00:00Z.");
        }

        public void ClockTime(string field, string? value)
        {
            if (value is null || !TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                Add(field, $"'{value}' is not a time of day such as 22:00.");
            }
        }

        public void Defined<TEnum>(string field, TEnum value)
            where TEnum : struct, Enum
        {
            if (!Enum.IsDefined(value)) Add(field, $"'{value}' is not one of {string.Join(", ", Enum.GetNames<TEnum>()).ToLowerInvariant()}.");
        }

        public Dictionary<string, string[]> ToDictionary() =>
            _errors?.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal) ?? new(StringComparer.Ordinal);

        private static string Item(string list, int index) => string.Create(CultureInfo.InvariantCulture, $"{list}[{index}]");

        private static string Join(string outer, string inner) => outer.Length == 0 ? inner : inner.Length == 0 ? outer : $"{outer}.{inner}";

        private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
    }
}
