// Fails fast, with the command to run, when the platform the suite needs is not up.
export default async function globalSetup() {
  const offset = Number(process.env.THRIFTSTORE_PORT_OFFSET ?? "0");
  const ports = [5010, 5011, 5012, 5013, 5014, 5015, 8080].map((p) => p + offset);
  for (const port of ports) {
    const url = `http://localhost:${port}/actuator/health`;
    let healthy = false;
    try {
      const response = await fetch(url);
      healthy = response.ok;
    } catch {
      healthy = false;
    }
    if (!healthy) {
      throw new Error(
        `The platform is not up (${url}). Start it first: THRIFTSTORE_PORT_OFFSET=${offset} ./thriftstore up`,
      );
    }
  }
}
