using Microsoft.ML.Trainers;
using NotificationActors.Abstractions.Learning;
using NotificationActors.Learning.Artefacts;
using NotificationActors.Policy.Slow;

namespace NotificationActors.Learning.Training;

/// <summary>The <c>train</c> job: the learning log in, a new model version out (in the deployment's model store).</summary>
public static class ModelTraining
{
    /// <summary>
    /// Reads the log's weeks in [<paramref name="fromWeek"/>, <paramref name="toWeek"/>], fits the models and saves
    /// version <paramref name="version"/> in <paramref name="store"/>. An empty or corrupt log throws
    /// <see cref="InvalidDataException"/> naming the problem before anything is written; an existing version throws
    /// <see cref="ModelVersionExistsException"/> before any training. With a <paramref name="champion"/>, the model
    /// serving now, the card's <see cref="ModelCard.Promotion"/> says whether the new version should replace it.
    /// </summary>
    public static async Task<ModelCard> TrainAsync(
        ILearningLog log,
        string? fromWeek,
        string? toWeek,
        IModelStore store,
        string version,
        RewardTrainingOptions options,
        IProgress<TrainingProgress>? progress = null,
        IRewardModel? champion = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        await ThrowIfNotReadyAsync(store, version, options, cancellationToken).ConfigureAwait(false);

        var reading = new SynchronousProgress<int>(records => progress?.Report(new TrainingProgress("reading the learning log", records)));
        var set = await LearningSet.ReadAsync(log.ReadAsync(fromWeek, toWeek, cancellationToken), reading, options.ValidationShare, cancellationToken).ConfigureAwait(false);
        return (await TrainAsync(set, store, version, options, progress, champion, null, cancellationToken).ConfigureAwait(false)).Card;
    }

    /// <summary>
    /// Fits the models on the weeks <paramref name="window"/> holds and saves version <paramref name="version"/>, as the
    /// log overload does, without reading a log: the window's weeks were converted when they were added. The opt-out
    /// fits start from the window's last training, so a weekly retraining on a sliding window takes a few passes.
    /// </summary>
    /// <exception cref="ArgumentException">The window splits held-out members by another share than <paramref name="options"/>.</exception>
    public static async Task<ModelCard> TrainAsync(
        LearningWindow window,
        IModelStore store,
        string version,
        RewardTrainingOptions options,
        IProgress<TrainingProgress>? progress = null,
        IRewardModel? champion = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(window);
        await ThrowIfNotReadyAsync(store, version, options, cancellationToken).ConfigureAwait(false);
        if (window.ValidationShare != options.ValidationShare)
        {
            throw new ArgumentException($"The window holds out {window.ValidationShare} of members and the options {options.ValidationShare}; they must agree.", nameof(window));
        }

        var trained = await TrainAsync(window.ToSet(), store, version, options, progress, champion, window.LastOptOutFits, cancellationToken).ConfigureAwait(false);
        window.LastOptOutFits = trained.OptOutFits;
        return trained.Card;
    }

    // Options in range and the version not yet in the store, before anything is read or fitted.
    private static async Task ThrowIfNotReadyAsync(IModelStore store, string version, RewardTrainingOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if ((await store.ListAsync(cancellationToken).ConfigureAwait(false)).Contains(version, StringComparer.Ordinal))
        {
            throw new ModelVersionExistsException(version);
        }
    }

    private static async Task<TrainedModels> TrainAsync(
        LearningSet set,
        IModelStore store,
        string version,
        RewardTrainingOptions options,
        IProgress<TrainingProgress>? progress,
        IRewardModel? champion,
        IReadOnlyDictionary<string, LinearBinaryModelParameters>? start,
        CancellationToken cancellationToken)
    {
        var stage = new SynchronousProgress<string>(name => progress?.Report(new TrainingProgress(name, set.Records)));
        var trained = new RewardModelTrainer(options).Train(set, version, stage, champion, start);
        progress?.Report(new TrainingProgress("saving", set.Records));
        await store.SaveAsync(version, trained.Files(), cancellationToken).ConfigureAwait(false);
        return trained;
    }
}
