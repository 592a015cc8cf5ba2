variable "quota" {
  type        = string
  description = "A size as people write it."
  default     = "1.5T"
}

# Sizes as people write them, compared as numbers.
output "quota_bytes" {
  value = provider::homelab::parse_size(var.quota) # 1649267441664
}

output "quota_fits_in_2t" {
  value = provider::homelab::parse_size(var.quota) <= provider::homelab::parse_size("2T")
}
