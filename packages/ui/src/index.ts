export { Button, type ButtonProps, type ButtonVariant, buttonClasses } from "./button";
export {
  CheckboxGroup,
  FieldFrame,
  type Option,
  SelectField,
  TextAreaField,
  TextField,
} from "./field";
export {
  Alert,
  type AlertTone,
  Badge,
  type BadgeTone,
  Card,
  DetailList,
  EmptyState,
  PageHeader,
  SaveNotice,
} from "./layout";
