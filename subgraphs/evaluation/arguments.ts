export { departmentCodeArg } from '../kit';
