import { defineConfig } from 'vitest/config';
import unit from './vitest.config.ts';

// `npm run accuracy`: the unit test environment, running only the accuracy report.
export default defineConfig({ ...unit, test: { ...unit.test, include: ['tests/accuracy/**/*.test.ts'] } });
