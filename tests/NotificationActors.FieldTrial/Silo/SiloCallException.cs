namespace NotificationActors.FieldTrial.Silo;

/// <summary>A call to the silo that did not succeed: the trial stops, naming the call and the silo's answer.</summary>
internal sealed class SiloCallException : Exception
{
    public SiloCallException(string message)
        : base(message)
    {
    }

    public SiloCallException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
