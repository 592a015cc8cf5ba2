namespace Homelab.NixGen.Tests.TestKit;

internal sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body);
