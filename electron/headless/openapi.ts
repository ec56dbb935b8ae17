import type { IncomingMessage, ServerResponse } from 'node:http';
import { OpenAPIGenerator } from '@orpc/openapi';
import { OpenAPIHandler } from '@orpc/openapi/node';
import { ZodToJsonSchemaConverter } from '@orpc/zod/zod4';
import { contract } from '../../shared/contract/index.ts';
import { errorInterceptors } from '../engine/api/error-interceptor.ts';
import type { Engine } from '../engine/index.ts';

export const API_PREFIX = '/api';

/** The contract as a REST API with an OpenAPI 3 document, both generated from the contract. */
export function createRestApi(engine: Engine) {
  const handler = new OpenAPIHandler(engine.router, errorInterceptors(engine.logger));
  let spec: string | null = null;

  return {
    async document(): Promise<string> {
      if (spec) return spec;
      const generator = new OpenAPIGenerator({ schemaConverters: [new ZodToJsonSchemaConverter()] });
      const document = await generator.generate(contract, {
        info: { title: 'StoxRobot API', version: engine.services.version },
        servers: [{ url: API_PREFIX }],
        security: [{ bearer: [] }],
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      });
      spec = JSON.stringify(document);
      return spec;
    },
    async handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
      const { matched } = await handler.handle(req, res, { prefix: API_PREFIX, context: { engine: engine.services } });
      return matched;
    },
  };
}
