export const x = (a: string): string => a + '!';
