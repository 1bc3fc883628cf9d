// Inferred schemas and drift (issue 16): learned from stored deliveries, judged per delivery.
export { createLearner } from './learner';
export { openLearningBook, type LearningBook, type LearnedModel } from './learning-book';
export { explainChange } from './drift';
export { inferJsonSchema, inferOpenApi } from './infer-schema';
export { compareWithSchema } from './compare-schema';
export {
  compareLearned,
  learnedSchemaDocument,
  LearningError,
  type ComparedSchema,
  type SchemaDocument,
} from './service';
