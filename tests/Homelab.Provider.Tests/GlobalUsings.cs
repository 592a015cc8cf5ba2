global using Homelab.Testing;
