using System.Collections.Concurrent;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace NotificationActors.Silo.Security;

/// <summary>
/// A Data Protection key ring that lives and dies with the process, for memory storage. ASP.NET Core's own ephemeral
/// provider still lets its startup service write a key to the user profile; this keeps nothing on disk.
/// </summary>
internal sealed class MemoryKeyRepository : IXmlRepository
{
    private readonly ConcurrentQueue<XElement> _elements = new();

    public IReadOnlyCollection<XElement> GetAllElements() => _elements.Select(element => new XElement(element)).ToArray();

    public void StoreElement(XElement element, string friendlyName) => _elements.Enqueue(new XElement(element));
}
