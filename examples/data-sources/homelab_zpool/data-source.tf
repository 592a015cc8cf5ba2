# Health as data: warn on every plan and apply when the pool or any of its disks is not healthy,
# when it fills up, or when the last scrub is older than 5 weeks.
data "homelab_zpool" "tank" {
  name = "tank"
}

check "tank_healthy" {
  assert {
    condition     = data.homelab_zpool.tank.health == "ONLINE"
    error_message = "Pool tank is ${data.homelab_zpool.tank.health}: ${data.homelab_zpool.tank.errors}"
  }
  assert {
    condition     = alltrue([for v in data.homelab_zpool.tank.vdevs : contains(["ONLINE", "AVAIL"], v.state)])
    error_message = "Not online: ${join(", ", [for v in data.homelab_zpool.tank.vdevs : "${v.name} (${v.state})" if !contains(["ONLINE", "AVAIL"], v.state)])}"
  }
  assert {
    condition     = data.homelab_zpool.tank.capacity < 80
    error_message = "Pool tank is ${data.homelab_zpool.tank.capacity}% full."
  }
}

check "tank_scrubbed" {
  assert {
    condition = data.homelab_zpool.tank.scrub.state == "scanning" || timecmp(
      coalesce(data.homelab_zpool.tank.scrub.end_time, "1970-01-01T00:00:00Z"),
      timeadd(plantimestamp(), "-840h")
    ) > 0
    error_message = "Pool tank has not been scrubbed in 5 weeks."
  }
}

output "tank" {
  value = {
    health     = data.homelab_zpool.tank.health
    free_bytes = data.homelab_zpool.tank.free
    last_scrub = data.homelab_zpool.tank.scrub.end_time
    errors     = sum(concat([0], [for v in data.homelab_zpool.tank.vdevs : coalesce(v.read_errors, 0) + coalesce(v.write_errors, 0) + coalesce(v.checksum_errors, 0)]))
  }
}
