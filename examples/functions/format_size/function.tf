output "quota" {
  value = provider::homelab::format_size(1649267441664) # "1.50T"
}
