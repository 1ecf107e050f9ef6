import type { ExternalRef } from '../../domain/findings';
import type { ContainmentPort, ContainmentRequest } from './containment-port';

export const createContainmentActivities = (port: ContainmentPort) => ({
  isolate(r: ContainmentRequest): Promise<ExternalRef> {
    return port.isolate(r);
  },
});
