// What the extension's exports offer about followed deployments: for the integration tests, instead
// of a command contributed to the product. Pure types (no vscode).

export interface DeployState {
  /** The deployments status-bar item's text. */
  readonly text: string;
  readonly watches: readonly {
    readonly service: string;
    readonly cluster: string;
    readonly label: string;
    readonly phase: string;
    readonly stage?: string;
    readonly waiting: boolean;
    readonly reason?: string;
  }[];
}

export interface DeployApi {
  state(): DeployState;
}
