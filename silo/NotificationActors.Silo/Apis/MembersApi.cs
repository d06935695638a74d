using NotificationActors.Abstractions.Members;
using NotificationActors.Grains.Validation;

namespace NotificationActors.Silo.Apis;

/// <summary>api.md's per-member endpoints: opportunities, feedback, activity, queued traffic, preferences, features, plan, member data.</summary>
internal static class MembersApi
{
    public static IEndpointRouteBuilder MapMembersApi(this IEndpointRouteBuilder app)
    {
        var members = app.MapGroup("/v1/members/{memberId}").WithTags("Members");
        members.MapPost("/opportunities", OfferOpportunity).Accepts<SendOpportunity>("application/json")
            .Produces<SendDecision>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        members.MapPost("/feedback", RecordFeedback).Accepts<FeedbackEvent>("application/json")
            .Produces<EventReceipt>(StatusCodes.Status202Accepted).ProducesValidationProblem();
        members.MapPost("/activity", RecordActivity).Accepts<ActivityEvent>("application/json")
            .Produces<EventReceipt>(StatusCodes.Status202Accepted).ProducesValidationProblem();
        members.MapPost("/traffic", ApplyTraffic).Accepts<MemberTraffic>("application/json")
            .Produces<TrafficReceipt>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        members.MapPut("/preferences", SetPreferences).Accepts<MemberPreferences>("application/json")
            .Produces<MemberPreferences>().ProducesValidationProblem();
        members.MapPut("/features", SetFeatures).Accepts<FeaturesBody>("application/json")
            .Produces<FeaturesBody>().ProducesValidationProblem();
        members.MapGet("/plan", GetPlan).Produces<PlanView>().ProducesValidationProblem();
        members.MapPost("/plan:replan", Replan).Produces<PlanView>().ProducesValidationProblem();
        members.MapGet("/", GetMember).Produces<MemberView>().ProducesValidationProblem();
        members.MapDelete("/", Forget).Produces(StatusCodes.Status204NoContent).ProducesValidationProblem();
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
        return errors.Count > 0 ? RequestBody.Invalid(errors) : await handle(grains.GetGrain<IMemberGrain>(memberId), body!);
    }

    private static async Task<IResult> WithMember(string memberId, IGrainFactory grains, Func<IMemberGrain, Task<IResult>> handle) =>
        RequestValidator.MemberId(memberId) is { Count: > 0 } errors
            ? RequestBody.Invalid(errors)
            : await handle(grains.GetGrain<IMemberGrain>(memberId));
}

/// <summary>The body of <c>PUT /v1/members/{id}/features</c>.</summary>
internal sealed record FeaturesBody
{
    public required Dictionary<string, double> Features { get; init; }
}
