import { synthesizeWorkshop } from './workshop-app';

try {
  synthesizeWorkshop();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
