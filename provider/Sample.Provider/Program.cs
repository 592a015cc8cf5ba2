using Example.Provider;
using Homelab.Provider.Framework.Hosting;

// Serves the provider behind the go-plugin handshake; terraform/tofu start this binary.
return await PluginHost.RunAsync(new ExampleProvider(), args, "example.com/example/example").ConfigureAwait(false);
