using Microsoft.AspNetCore.Http.HttpResults;
using NotificationActors.Abstractions.Members;
using NotificationActors.Grains.Validation;

namespace NotificationActors.Silo.Apis;

/// <summary>docs/api.md's per-member endpoints: opportunities, feedback, activity, queued traffic, preferences, features, plan, member data.</summary>
internal static class MembersApi
{
    public static IEndpointRouteBuilder MapMembersApi(this IEndpointRouteBuilder app)
    {
        var members = app.MapGroup("/v1/members/{memberId}").WithTags("Members");
        members.MapPost("/opportunities", OfferOpportunity).Accepts<SendOpportunity>("application/json")
            .Produces<SendDecision>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName(nameof(OfferOpportunity)).WithSummary("Decide a send opportunity")
            .WithDescription("Whether to send now, and which candidate, inside the week's plan. Replaying an opportunityId returns the first decision; a new one in a closed week is a 409, and past 500 a member-week a 422.");
        members.MapPost("/feedback", RecordFeedback).Accepts<FeedbackEvent>("application/json")
            .Produces<EventReceipt>(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName(nameof(RecordFeedback)).WithSummary("Record what happened to a message")
            .WithDescription("opted-out turns the channel off at once; unsubscribed with a category mutes it. Replaying one of the member's last 512 eventIds is a no-op.");
        members.MapPost("/activity", RecordActivity).Accepts<ActivityEvent>("application/json")
            .Produces<EventReceipt>(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .WithName(nameof(RecordActivity)).WithSummary("Record that the member was active")
            .WithDescription("Sessions and plays, whether or not a message caused them: the engagement the slow policy learns from.");
        members.MapPost("/traffic", ApplyTraffic).Accepts<MemberTraffic>("application/json")
            .Produces<TrafficReceipt>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName(nameof(ApplyTraffic)).WithSummary("Apply a member's queued traffic in one call")
            .WithDescription("Feedback, then activity, then each opportunity in order, as the single calls would, after one state write; at most 1,000 items. One bad item refuses the whole call, naming it.");
        members.MapPut("/preferences", SetPreferences).Accepts<MemberPreferences>("application/json")
            .Produces<MemberPreferences>().ProducesValidationProblem()
            .WithName(nameof(SetPreferences)).WithSummary("Set the member's preferences")
            .WithDescription("Time zone (an IANA id), channel switches, muted categories (at most 256) and quiet hours.");
        members.MapPut("/features", SetFeatures).Accepts<FeaturesBody>("application/json")
            .Produces<FeaturesBody>().ProducesValidationProblem()
            .WithName(nameof(SetFeatures)).WithSummary("Set the member's features, the slow policy's input");
        members.MapGet("/plan", GetPlan).Produces<PlanView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithName(nameof(GetPlan)).WithSummary("Read the week's plan")
            .WithDescription("The budgets left standing per channel, pacing, the utility's terms and what was sent. A member never told of is a 404.");
        members.MapPost("/plan:replan", Replan).Produces<PlanView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithName(nameof(Replan)).WithSummary("Run the slow policy now (admin)");
        members.MapGet("/", GetMember).Produces<MemberView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithName(nameof(GetMember)).WithSummary("Read everything stored about the member");
        members.MapDelete("/", Forget).Produces(StatusCodes.Status204NoContent).ProducesValidationProblem()
            .WithName(nameof(Forget)).WithSummary("Forget the member: state, reminders and logs keyed by it");
        return app;
    }

    private static Task<IResult> OfferOpportunity(string memberId, HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken) =>
        WithBody<SendOpportunity>(memberId, request, RequestValidator.Opportunity, async (member, body) =>
            TypedResults.Ok(await member.OfferOpportunity(body)), grains, cancellationToken);

    private static Task<IResult> RecordFeedback(string memberId, HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken) =>
        WithBody<FeedbackEvent>(memberId, request, RequestValidator.Feedback, async (member, body) =>
            TypedResults.Accepted((string?)null, await member.RecordFeedback(body)), grains, cancellationToken);

    private static Task<IResult> RecordActivity(string memberId, HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken) =>
        WithBody<ActivityEvent>(memberId, request, RequestValidator.Activity, async (member, body) =>
            TypedResults.Accepted((string?)null, await member.RecordActivity(body)), grains, cancellationToken);

    private static Task<IResult> ApplyTraffic(string memberId, HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken) =>
        WithBody<MemberTraffic>(memberId, request, RequestValidator.Traffic, async (member, body) =>
            TypedResults.Ok(await member.ApplyTraffic(body)), grains, cancellationToken);

    private static Task<IResult> SetPreferences(string memberId, HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken) =>
        WithBody<MemberPreferences>(memberId, request, RequestValidator.Preferences, async (member, body) =>
            TypedResults.Ok(await member.SetPreferences(body)), grains, cancellationToken);

    private static Task<IResult> SetFeatures(string memberId, HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken) =>
        WithBody<FeaturesBody>(memberId, request, body => RequestValidator.Features(body.Features), async (member, body) =>
        {
            await member.SetFeatures(body.Features);
            return TypedResults.Ok(body);
        }, grains, cancellationToken);

    private static Task<IResult> GetPlan(string memberId, IGrainFactory grains) =>
        WithMember(memberId, grains, async member => TypedResults.Ok(await member.GetPlan()));

    private static Task<IResult> Replan(string memberId, IGrainFactory grains) =>
        WithMember(memberId, grains, async member => TypedResults.Ok(await member.Replan()));

    private static Task<IResult> GetMember(string memberId, IGrainFactory grains) =>
        WithMember(memberId, grains, async member => TypedResults.Ok(await member.GetMember()));

    private static Task<IResult> Forget(string memberId, IGrainFactory grains) =>
        WithMember(memberId, grains, async member =>
        {
            await member.Forget();
            return TypedResults.NoContent();
        });

    // Every check happens before the grain is called: a rejected request changes nothing.
    private static async Task<IResult> WithBody<T>(
        string memberId,
        HttpRequest request,
        Func<T, Dictionary<string, string[]>> validate,
        Func<IMemberGrain, T, Task<IResult>> handle,
        IGrainFactory grains,
        CancellationToken cancellationToken)
        where T : class
    {
        if (RequestValidator.MemberId(memberId) is { Count: > 0 } idErrors)
        {
            return RequestBody.Invalid(idErrors);
        }

        var (body, error) = await RequestBody.ReadAsync<T>(request, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var errors = validate(body!);
        return errors.Count > 0 ? RequestBody.Invalid(errors) : await CallAsync(() => handle(MemberGrains.Get(grains, memberId), body!));
    }

    private static async Task<IResult> WithMember(string memberId, IGrainFactory grains, Func<IMemberGrain, Task<IResult>> handle) =>
        RequestValidator.MemberId(memberId) is { Count: > 0 } errors
            ? RequestBody.Invalid(errors)
            : await CallAsync(() => handle(MemberGrains.Get(grains, memberId)));

    // The grain's own checks (they need the member's state) refuse before anything changes; each refusal has its status.
    private static async Task<IResult> CallAsync(Func<Task<IResult>> call)
    {
        try
        {
            return await call();
        }
        catch (MemberRequestRefusedException refused)
        {
            return Refused(refused);
        }
    }

    private static IResult Refused(MemberRequestRefusedException refused) => refused.Refusal switch
    {
        MemberRefusal.UnknownMember => Problem(StatusCodes.Status404NotFound, "The member is not known.", refused),
        MemberRefusal.OutsideReplayWindow => Problem(StatusCodes.Status409Conflict, "The opportunity is outside the replay window.", refused),
        MemberRefusal.OpportunityCapReached => Problem(StatusCodes.Status422UnprocessableEntity, "The member-week's opportunity cap is reached.", refused),
        MemberRefusal.ListFull => Problem(StatusCodes.Status422UnprocessableEntity, "A member's list is full.", refused),
        _ => RequestBody.Invalid(refused.Errors),
    };

    private static ProblemHttpResult Problem(int status, string title, MemberRequestRefusedException refused) =>
        TypedResults.Problem(new HttpValidationProblemDetails(refused.Errors) { Status = status, Title = title, Detail = "Nothing was changed." });
}

/// <summary>The body of <c>PUT /v1/members/{id}/features</c>.</summary>
internal sealed record FeaturesBody
{
    public required Dictionary<string, double> Features { get; init; }
}
