/** A config field refused, named by its path ('tau', 'weights.kd', '(root)'). */
export class ConfigError extends Error {
  constructor(readonly field: string, message: string) {
    super(`config.${field} ${message}`);
    this.name = 'ConfigError';
  }
}
