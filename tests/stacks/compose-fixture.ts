// One compose file that uses most of what the conversion supports, for the comparison with the
// docker CLI's `stack deploy`: busybox with `sleep`, so it starts in a moment on the test swarm.
/** The files its secrets and configs read (the CLI from the compose file's directory, ours from the request). */
export const comparisonFiles: Readonly<Record<string, string>> = { './token.txt': 'token-value\n', './worker.conf': 'workers=2\n' };

export function comparisonComposeFile(image: string, externalNetwork: string): string {
  return `
version: "3.8"
services:
  web:
    image: ${image}
    command: sleep 600
    hostname: web-host
    environment:
      GREETING: \${GREETING:-hello}
      EMPTY: ""
      B_SECOND: two
    labels:
      tier: front
    ports:
      - "8080"
      - target: 9090
        protocol: udp
        mode: host
    healthcheck:
      test: ["CMD", "true"]
      interval: 30s
      timeout: 5s
      retries: 3
      start_period: 1s
    stop_grace_period: 3s
    user: "0"
    working_dir: /tmp
    volumes:
      - data:/data
      - /scratch
      - type: tmpfs
        target: /cache
        tmpfs:
          size: 1048576
    networks:
      front:
        aliases: [www]
      outside: {}
    deploy:
      replicas: 2
      labels:
        com.example.role: web
      resources:
        limits:
          cpus: "0.25"
          memory: 64M
        reservations:
          memory: 8M
      placement:
        constraints: [node.role == manager]
        preferences:
          - spread: node.id
      update_config:
        parallelism: 2
        delay: 1s
        order: start-first
        failure_action: rollback
      rollback_config:
        parallelism: 1
      restart_policy:
        condition: on-failure
        delay: 2s
        max_attempts: 3
        window: 10s
  worker:
    image: ${image}
    entrypoint: ["sh", "-c"]
    command: ["sleep 600"]
    environment:
      - MODE=batch
      - FROM_ENV_FILE
    read_only: true
    init: true
    stop_grace_period: 1s
    extra_hosts:
      - "db.local:10.0.0.9"
    dns: 10.0.0.53
    secrets:
      - token
      - source: token
        target: /run/token-copy
        uid: "1"
        gid: "2"
        mode: 0400
    configs:
      - source: conf
        target: /etc/worker.conf
        mode: 0440
    deploy:
      mode: global
      endpoint_mode: dnsrr
networks:
  front:
    driver: overlay
    labels:
      purpose: test
  outside:
    external: true
    name: ${externalNetwork}
volumes:
  data:
    labels:
      kept: "yes"
secrets:
  token:
    file: ./token.txt
    labels:
      purpose: test
configs:
  conf:
    file: ./worker.conf
`;
}
