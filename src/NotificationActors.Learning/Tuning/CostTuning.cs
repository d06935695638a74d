namespace NotificationActors.Learning.Tuning;

/// <summary>A sweep of the universal message cost and the cost it recommends.</summary>
/// <param name="Points">One evaluation per cost, in increasing cost.</param>
/// <param name="OptOutCeiling">The highest acceptable opt-out rate per member-week.</param>
/// <param name="ChosenCost">The cost with the most engagement (doubly robust) among those under the ceiling; null when none is.</param>
/// <param name="Verdict">The choice in words.</param>
public sealed record CostTuning(IReadOnlyList<CandidateEvaluation> Points, double OptOutCeiling, double? ChosenCost, string Verdict);
