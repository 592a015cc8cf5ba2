namespace Homelab.Testing;

/// <summary>A terraform command did not do what the test needed; the message holds its whole output.</summary>
public sealed class TerraformException(string message) : Exception(message);
